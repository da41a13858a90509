using System;
using System.Collections.Concurrent;
using System.Threading;
using Microsoft.Extensions.Logging;

namespace MailConfigKit.PowerShell.Engine
{
    /// <summary>
    /// Carries the library's log to a cmdlet's verbose and debug streams. PowerShell lets a cmdlet write only from its
    /// pipeline thread, so a message logged on that thread is written at once and one logged on any other thread waits
    /// until the cmdlet calls <see cref="Drain"/> (after each library call). Information and above go to the verbose
    /// stream, Debug and Trace to the debug stream.
    /// </summary>
    public sealed class PipelineLog
    {
        private readonly Action<string> _verbose;
        private readonly Action<string> _debug;
        private readonly int _pipelineThread;
        private readonly ConcurrentQueue<(bool Debug, string Text)> _pending = new ConcurrentQueue<(bool, string)>();

        /// <summary>A log for the calling (pipeline) thread.</summary>
        /// <param name="verbose">The cmdlet's WriteVerbose.</param>
        /// <param name="debug">The cmdlet's WriteDebug.</param>
        public PipelineLog(Action<string> verbose, Action<string> debug)
        {
            _verbose = verbose ?? throw new ArgumentNullException(nameof(verbose));
            _debug = debug ?? throw new ArgumentNullException(nameof(debug));
            _pipelineThread = Thread.CurrentThread.ManagedThreadId;
        }

        /// <summary>Writes the messages logged on other threads since the last call; call it on the pipeline thread.</summary>
        public void Drain()
        {
            while (_pending.TryDequeue(out var m)) (m.Debug ? _debug : _verbose)(m.Text);
        }

        internal ILogger Logger => new Adapter(this);

        private void Write(bool debug, string text)
        {
            if (Thread.CurrentThread.ManagedThreadId == _pipelineThread)
            {
                Drain();
                (debug ? _debug : _verbose)(text);
            }
            else
            {
                _pending.Enqueue((debug, text));
            }
        }

        /// <summary>The ILogger the library is given; ILogger's generic Log cannot be implemented in PowerShell, hence C#.</summary>
        private sealed class Adapter : ILogger
        {
            private readonly PipelineLog _log;

            public Adapter(PipelineLog log) => _log = log;

            public IDisposable BeginScope<TState>(TState state) where TState : notnull => NoScope.Instance;

            public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                if (logLevel == LogLevel.None || formatter == null) return;
                string text = "MailConfigKit " + logLevel.ToString().ToLowerInvariant() + ": " + formatter(state, exception);
                if (exception != null) text += " (" + exception.GetType().Name + ": " + exception.Message + ")";
                _log.Write(logLevel < LogLevel.Information, text);
            }
        }

        private sealed class NoScope : IDisposable
        {
            public static readonly NoScope Instance = new NoScope();

            public void Dispose()
            {
            }
        }
    }
}
