namespace MailConfigKit.Text
{
    /// <summary>How a document's bytes map to its text, chosen at load time so that saving gives back the same bytes.</summary>
    public enum DocumentEncoding
    {
        /// <summary>Valid UTF-8 (a byte order mark, if any, is kept in the text as U+FEFF).</summary>
        Utf8 = 0,

        /// <summary>
        /// Not valid UTF-8: each byte is one character (ISO-8859-1), so every byte survives a round trip.
        /// Non-ASCII text written into such a document is stored as its UTF-8 bytes.
        /// </summary>
        Bytes = 1,
    }
}
