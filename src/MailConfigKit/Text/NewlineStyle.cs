namespace MailConfigKit.Text
{
    /// <summary>Finds which line ending a document mostly uses, so that lines we add match the file.</summary>
    internal static class NewlineStyle
    {
        /// <summary>Returns "\r\n" when most line feeds in the text are preceded by a carriage return, else "\n".</summary>
        public static string Detect(string text)
        {
            int lf = 0, crlf = 0;
            int i = text.IndexOf('\n');
            while (i >= 0)
            {
                lf++;
                if (i > 0 && text[i - 1] == '\r') crlf++;
                i = text.IndexOf('\n', i + 1);
            }
            return crlf > 0 && crlf * 2 >= lf ? "\r\n" : "\n";
        }
    }
}
