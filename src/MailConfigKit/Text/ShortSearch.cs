namespace MailConfigKit.Text
{
    /// <summary>
    /// A character search for text where the next occurrence is usually a few characters away: the first few are looked at
    /// one by one before the vectorized search, whose fixed cost is most of the work on a short line or a short rest of a
    /// value (a file of short definitions pays it several times a line: issue 11's 2x bound).
    /// </summary>
    internal static class ShortSearch
    {
        private const int Quick = 16;

        /// <summary>The first <paramref name="c"/> in <c>[from, end)</c> of <paramref name="text"/>, or -1.</summary>
        public static int IndexOf(string text, char c, int from, int end)
        {
            int quick = System.Math.Min(end, from + Quick);
            for (int k = from; k < quick; k++)
            {
                if (text[k] == c) return k;
            }
            return quick < end ? text.IndexOf(c, quick, end - quick) : -1;
        }
    }
}
