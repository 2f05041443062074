namespace O365Functions.Storage.Secrets;

/// <summary>
/// An exclusive lock between processes on a file's writers: a <c>.lock</c> file beside it held open without sharing.
/// A second writer waits for it, so two processes never read, change and replace the same file at once.
/// </summary>
internal sealed class FileWriteLock : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private readonly FileStream _handle;

    private FileWriteLock(FileStream handle) => _handle = handle;

    /// <summary>Holds the lock of <paramref name="file"/> until disposed; throws <see cref="IOException"/> after waiting 30 s.</summary>
    public static async Task<FileWriteLock> AcquireAsync(string file, CancellationToken cancellationToken)
    {
        var path = file + ".lock";
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            try
            {
                return new FileWriteLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
            }
            catch (IOException) when (waited.Elapsed < Patience)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(20), cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <inheritdoc />
    public void Dispose() => _handle.Dispose();
}
