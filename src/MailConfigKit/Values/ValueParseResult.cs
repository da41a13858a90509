namespace MailConfigKit.Values
{
    /// <summary>
    /// The outcome of parsing a configuration value, the way NodaTime's <c>ParseResult</c> works: parsing never throws;
    /// on success <see cref="Value"/> holds the result; on failure <see cref="Error"/> says why (in the real tool's words
    /// where it has them) and <see cref="Position"/> where, as a 0-based index into the value, and reading
    /// <see cref="Value"/> throws, so a failure cannot pass for a default value unnoticed.
    /// </summary>
    /// <typeparam name="T">The parsed type.</typeparam>
    public sealed class ValueParseResult<T>
    {
        private readonly T _value;

        private ValueParseResult(bool success, T value, string? error, int position)
        {
            Success = success;
            _value = value;
            Error = error;
            Position = position;
        }

        /// <summary>Whether the value parsed.</summary>
        public bool Success { get; }

        /// <summary>The parsed value.</summary>
        /// <exception cref="System.InvalidOperationException">The value did not parse (<see cref="Success"/> is false); the message says why.</exception>
        public T Value => Success ? _value : throw new System.InvalidOperationException("The value did not parse: " + Error + " (at index " + Position + ").");

        /// <summary>Why parsing failed; null on success.</summary>
        public string? Error { get; }

        /// <summary>0-based index of the offending part of the value; 0 on success.</summary>
        public int Position { get; }

        /// <summary>A successful result.</summary>
        public static ValueParseResult<T> Ok(T value) => new ValueParseResult<T>(true, value, null, 0);

        /// <summary>A failed result.</summary>
        public static ValueParseResult<T> Fail(string error, int position) => new ValueParseResult<T>(false, default!, error, position);

        /// <inheritdoc />
        public override string ToString() => Success ? "Success: " + _value : "Error at " + Position + ": " + Error;
    }
}
