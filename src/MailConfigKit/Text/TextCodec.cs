using System;
using System.Text;

namespace MailConfigKit.Text
{
    /// <summary>Byte-exact decoding and re-encoding of configuration files.</summary>
    internal static class TextCodec
    {
        // Strict: invalid sequences throw, so a successful decode is guaranteed to re-encode to the same bytes.
        private static readonly UTF8Encoding StrictUtf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

        /// <summary>Decodes bytes as UTF-8 when they are valid, else byte-per-character.</summary>
        public static string Decode(byte[] bytes, out DocumentEncoding encoding)
        {
            if (bytes == null) throw new ArgumentNullException(nameof(bytes));
            try
            {
                encoding = DocumentEncoding.Utf8;
                // GetString keeps a leading BOM as U+FEFF (only StreamReader strips it), which is what Postfix sees too.
                return StrictUtf8.GetString(bytes);
            }
            catch (DecoderFallbackException)
            {
                encoding = DocumentEncoding.Bytes;
                return Latin1(bytes);
            }
        }

        /// <summary>Encodes text back into bytes with the encoding it was decoded with.</summary>
        public static byte[] Encode(string text, DocumentEncoding encoding)
        {
            if (text == null) throw new ArgumentNullException(nameof(text));
            if (encoding == DocumentEncoding.Utf8) return StrictUtf8.GetBytes(text);
            var bytes = new byte[text.Length];
            for (int i = 0; i < text.Length; i++)
            {
                char c = text[i];
                if (c > 0xFF) throw new InvalidOperationException("Internal error: a byte-mode document holds a character above U+00FF.");
                bytes[i] = (byte)c;
            }
            return bytes;
        }

        /// <summary>
        /// Turns text a caller wants to write into a byte-mode document into characters that stand for its UTF-8 bytes,
        /// so that the saved file holds UTF-8 for it. Unchanged for UTF-8 documents and for ASCII.
        /// </summary>
        public static string ForDocument(string text, DocumentEncoding encoding)
        {
            if (encoding == DocumentEncoding.Utf8) return text;
            foreach (char c in text)
            {
                if (c > 0x7F) return Latin1(Encoding.UTF8.GetBytes(text));
            }
            return text;
        }

        private static string Latin1(byte[] bytes)
        {
            var chars = new char[bytes.Length];
            for (int i = 0; i < bytes.Length; i++) chars[i] = (char)bytes[i];
            return new string(chars);
        }
    }
}
