using System.Collections.Generic;

namespace MailConfigKit.Exim4
{
    /// <summary>Shell names and the words sh gives special meaning at the start of a command.</summary>
    internal static class ShellNames
    {
        // Keywords, and builtins that can change variables or the flow of the sourcing (special builtins keep the
        // assignments in front of them). A statement starting with one of these makes values unknowable.
        private static readonly HashSet<string> Special = new HashSet<string>(System.StringComparer.Ordinal)
        {
            "if", "then", "else", "elif", "fi", "do", "done", "case", "esac", "while", "until", "for", "in", "{", "}", "!",
            ":", ".", "break", "continue", "eval", "exec", "exit", "export", "readonly", "return", "set", "shift", "times",
            "trap", "unset", "read", "getopts", "cd", "local", "source", "alias", "unalias", "command", "type", "hash", "wait",
        };

        private static readonly HashSet<string> Reserved = new HashSet<string>(System.StringComparer.Ordinal)
        {
            "if", "then", "else", "elif", "fi", "do", "done", "case", "esac", "while", "until", "for", "in", "{", "}", "!",
        };

        /// <summary>Whether <paramref name="word"/> is a reserved word (recognised only where a command name may start).</summary>
        public static bool IsReservedWord(string word) => Reserved.Contains(word);

        public static bool IsNameStart(char c) => c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');

        public static bool IsNameChar(char c) => IsNameStart(c) || (c >= '0' && c <= '9');

        /// <summary>Whether <paramref name="name"/> is a valid shell variable name.</summary>
        public static bool IsValidName(string? name)
        {
            if (string.IsNullOrEmpty(name) || !IsNameStart(name![0])) return false;
            foreach (char c in name)
            {
                if (!IsNameChar(c)) return false;
            }
            return true;
        }

        /// <summary>
        /// Length of the text from <paramref name="i"/> up to the '=' of an assignment (0 when the word there is not
        /// one). Backslash-newlines may sit anywhere in the name: dash deletes them before it splits words, so
        /// <c>dc_a\&lt;newline&gt;b=1</c> assigns <c>dc_ab</c>.
        /// </summary>
        public static int AssignmentNameLength(string text, int i)
        {
            if (i >= text.Length || !IsNameStart(text[i])) return 0;
            int j = i + 1;
            while (j < text.Length)
            {
                if (IsNameChar(text[j])) j++;
                else if (text[j] == '\\' && j + 1 < text.Length && text[j + 1] == '\n') j += 2;
                else break;
            }
            return j < text.Length && text[j] == '=' ? j - i : 0;
        }

        /// <summary>The name an assignment span from <see cref="AssignmentNameLength"/> assigns (its line continuations removed).</summary>
        public static string AssignmentName(string text, int i, int length)
        {
            string span = text.Substring(i, length);
            return span.IndexOf('\\') < 0 ? span : span.Replace("\\\n", string.Empty);
        }

        public static bool IsSpecial(string word) => Special.Contains(word);
    }
}
