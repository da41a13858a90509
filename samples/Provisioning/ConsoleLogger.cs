using System;
using Microsoft.Extensions.Logging;

namespace Provisioning
{
    /// <summary>
    /// A console <see cref="ILogger"/> in a dozen lines, so the sample needs nothing beyond MailConfigKit's own
    /// dependency (Microsoft.Extensions.Logging.Abstractions). In an app that already has a logging setup, pass its
    /// <c>ILoggerFactory.CreateLogger(...)</c> instead. Warnings and errors go to stderr, where build systems look.
    /// </summary>
    internal sealed class ConsoleLogger : ILogger
    {
        private readonly string _category;

        public ConsoleLogger(string category)
        {
            _category = category;
        }

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel)) return;
            string line = Level(logLevel) + " " + _category + ": " + formatter(state, exception) + (exception != null ? " (" + exception.Message + ")" : string.Empty);
            if (logLevel >= LogLevel.Warning) Console.Error.WriteLine(line);
            else Console.Out.WriteLine(line);
        }

        private static string Level(LogLevel level) => level switch
        {
            LogLevel.Critical => "crit",
            LogLevel.Error => "fail",
            LogLevel.Warning => "warn",
            _ => "info",
        };
    }
}
