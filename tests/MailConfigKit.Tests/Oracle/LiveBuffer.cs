using System;
using System.IO;
using System.Threading.Tasks;

namespace MailConfigKit.Tests.Oracle
{
    /// <summary>Collects a child's output stream; readable while it is still being filled.</summary>
    internal sealed class LiveBuffer
    {
        private readonly MemoryStream _buffer = new();

        public async Task FillAsync(Stream source)
        {
            var chunk = new byte[16384];
            int read;
            while ((read = await source.ReadAsync(chunk).ConfigureAwait(false)) > 0)
            {
                lock (_buffer)
                {
                    _buffer.Write(chunk, 0, read);
                }
            }
        }

        public byte[] ToArray()
        {
            lock (_buffer)
            {
                return _buffer.ToArray();
            }
        }
    }
}
