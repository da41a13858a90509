using System.Text;
using MailConfigKit.Text;

namespace MailConfigKit.Fuzz
{
    /// <summary>The library's byte handling as documented (its TextCodec is internal): strict UTF-8 else one char a byte.</summary>
    public static class Codec
    {
        private static readonly UTF8Encoding Strict = new UTF8Encoding(false, true);

        public static string Decode(byte[] bytes)
        {
            try
            {
                return Strict.GetString(bytes);
            }
            catch (DecoderFallbackException)
            {
                return Encoding.Latin1.GetString(bytes);
            }
        }

        /// <summary>What a value written into a document reads back as: its UTF-8 bytes as chars in a byte-mode document.</summary>
        public static string ForDocument(string text, DocumentEncoding encoding)
        {
            if (encoding == DocumentEncoding.Utf8) return text;
            foreach (char c in text)
            {
                if (c > 0x7F) return Encoding.Latin1.GetString(Encoding.UTF8.GetBytes(text));
            }
            return text;
        }
    }
}
