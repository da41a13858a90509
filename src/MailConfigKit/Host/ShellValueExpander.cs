using System.Collections.Generic;
using System.Text;

namespace MailConfigKit.Host
{
    /// <summary>
    /// Expands one assignment word the way sh does when the only run-time parts are plain variable references
    /// (<c>$NAME</c>, <c>${NAME}</c>) to variables whose values are known: quotes removed, backslash escapes resolved, no field
    /// splitting or globbing (sh does neither in assignments). Anything else (<c>$(...)</c>, backquotes, <c>${NAME:-...}</c>,
    /// positional parameters, <c>~</c>) makes the value unknowable: null. An unset variable expands to nothing, as in sh.
    /// </summary>
    internal static class ShellValueExpander
    {
        public static string? Expand(string word, IReadOnlyDictionary<string, string?> variables)
        {
            var sb = new StringBuilder(word.Length);
            int i = 0, n = word.Length;
            if (n > 0 && word[0] == '~') return null;
            while (i < n)
            {
                char c = word[i];
                if (c == '\'')
                {
                    int close = word.IndexOf('\'', i + 1);
                    if (close < 0) return null;
                    sb.Append(word, i + 1, close - i - 1);
                    i = close + 1;
                }
                else if (c == '"')
                {
                    i++;
                    while (true)
                    {
                        if (i >= n) return null;
                        char d = word[i];
                        if (d == '"')
                        {
                            i++;
                            break;
                        }
                        if (d == '\\' && i + 1 < n)
                        {
                            char e = word[i + 1];
                            if (e == '$' || e == '`' || e == '"' || e == '\\') sb.Append(e);
                            else if (e != '\n') sb.Append('\\').Append(e);
                            i += 2;
                        }
                        else if (d == '$')
                        {
                            if (!ExpandVariable(word, ref i, variables, sb)) return null;
                        }
                        else if (d == '`')
                        {
                            return null;
                        }
                        else
                        {
                            sb.Append(d);
                            i++;
                        }
                    }
                }
                else if (c == '\\')
                {
                    if (i + 1 >= n) return null;
                    if (word[i + 1] != '\n') sb.Append(word[i + 1]);
                    i += 2;
                }
                else if (c == '$')
                {
                    if (!ExpandVariable(word, ref i, variables, sb)) return null;
                }
                else if (c == '`')
                {
                    return null;
                }
                else
                {
                    sb.Append(c);
                    i++;
                }
            }
            return sb.ToString();
        }

        // At a '$': appends a plain $NAME or ${NAME} and moves past it; false for anything sh would compute otherwise.
        private static bool ExpandVariable(string word, ref int i, IReadOnlyDictionary<string, string?> variables, StringBuilder sb)
        {
            int n = word.Length;
            int j = i + 1;
            if (j >= n || word[j] == '"')
            {
                // A lone '$' stays a '$'.
                sb.Append('$');
                i = j;
                return true;
            }
            bool braced = word[j] == '{';
            if (braced) j++;
            int nameStart = j;
            if (j < n && (char.IsLetter(word[j]) && word[j] < 128 || word[j] == '_'))
            {
                while (j < n && (word[j] < 128 && char.IsLetterOrDigit(word[j]) || word[j] == '_')) j++;
            }
            if (j == nameStart)
            {
                if (braced) return false;
                // "$" before something that is not a name: sh keeps the '$' unless it starts an expansion of its own.
                if ("(@*#?$!-0123456789".IndexOf(word[j]) >= 0) return false;
                sb.Append('$');
                i = j;
                return true;
            }
            string name = word.Substring(nameStart, j - nameStart);
            if (braced)
            {
                if (j >= n || word[j] != '}') return false;
                j++;
            }
            if (!variables.TryGetValue(name, out string? value)) value = string.Empty;
            if (value == null) return false;
            sb.Append(value);
            i = j;
            return true;
        }
    }
}
