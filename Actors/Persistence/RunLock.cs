using System.Globalization;
using System.Text;

namespace A3C.Actors.Persistence;

/// <summary>
/// One writer per run: an exclusive lock on <c>&lt;run folder&gt;/train.lock</c>, held for the life of
/// the process that trains the run, the file naming its holder (pid, host, start time).
/// </summary>
/// <remarks>
/// The lock is a byte-range lock past the end of the file (<see cref="FileStream.Lock"/>: <c>fcntl</c>
/// on Linux and macOS, <c>LockFileEx</c> on Windows). The operating system releases it when the
/// process ends however it ends, so a killed trainer never blocks the next one; what the file says
/// is only who held it last. The range lies past the holder text so another process can still read
/// that text to say who holds the run. Taking the lock creates the folder and writes the file, so
/// it is also the check that the run folder can be written at all.
/// </remarks>
public sealed class RunLock : IDisposable
{
    public const string FileName = "train.lock";

    // Far past any holder text: locking it never stops a reader of the text.
    private const long LockOffset = 1L << 30;

    private readonly FileStream _stream;

    private RunLock(FileStream stream, string path, string holder)
    {
        _stream = stream;
        Path = path;
        Holder = holder;
    }

    public string Path { get; }

    /// <summary>This process, as the file names it.</summary>
    public string Holder { get; }

    /// <summary>Takes the run's lock, creating <paramref name="runFolder"/> when it does not exist.</summary>
    /// <exception cref="RunLockedException">Another live process holds the run.</exception>
    /// <exception cref="PersistenceException">The folder or the lock file cannot be created or written.</exception>
    public static RunLock Acquire(string runFolder)
    {
        var path = System.IO.Path.Combine(System.IO.Path.GetFullPath(runFolder), FileName);
        FileStream stream;
        try
        {
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
            // macOS has no FileStream.Lock: there the whole file is locked (flock), and its text cannot be read while held.
            stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite,
                OperatingSystem.IsMacOS() ? FileShare.None : FileShare.ReadWrite | FileShare.Delete);
        }
        catch (IOException) when (OperatingSystem.IsMacOS() && File.Exists(path))
        {
            throw new RunLockedException(path, ReadHolder(path));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw Unwritable(path, e);
        }

        if (!OperatingSystem.IsMacOS())
        {
            try
            {
                stream.Lock(LockOffset, 1);
            }
            catch (IOException)
            {
                stream.Dispose();
                throw new RunLockedException(path, ReadHolder(path));
            }
        }

        using var process = System.Diagnostics.Process.GetCurrentProcess();
        var holder = string.Create(CultureInfo.InvariantCulture,
            $"pid {Environment.ProcessId} on {Environment.MachineName} since {process.StartTime.ToUniversalTime():yyyy-MM-dd HH:mm:ss}Z");
        try
        {
            stream.SetLength(0);
            stream.Write(Encoding.UTF8.GetBytes(holder + "\n"));
            stream.Flush(flushToDisk: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            stream.Dispose();
            throw Unwritable(path, e);
        }
        return new RunLock(stream, path, holder);
    }

    /// <summary>Who holds the run in <paramref name="runFolder"/> now; null when no live process does.</summary>
    public static string? FindHolder(string runFolder)
    {
        var path = System.IO.Path.Combine(System.IO.Path.GetFullPath(runFolder), FileName);
        if (OperatingSystem.IsMacOS()) return null; // the holder's text cannot be read while it holds the file there
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete);
            try
            {
                stream.Lock(LockOffset, 1);
                stream.Unlock(LockOffset, 1);
                return null;
            }
            catch (IOException)
            {
                return ReadHolder(path);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null; // no lock file, or none this process may open: nobody it can name
        }
    }

    /// <summary>Releases the lock; the file stays, naming the last holder.</summary>
    public void Dispose() => _stream.Dispose();

    private static string ReadHolder(string path)
    {
        try
        {
            using var reader = new StreamReader(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete));
            var text = reader.ReadLine()?.Trim();
            return string.IsNullOrEmpty(text) ? "a process that has not yet written its name" : text;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return $"a process this one cannot name ({e.Message})";
        }
    }

    private static PersistenceException Unwritable(string path, Exception e) =>
        new($"the run folder {System.IO.Path.GetDirectoryName(path)} cannot be written ({e.Message}); " +
            "no snapshot could be stored there. Choose another with --set persistence.directory=DIR.", e);
}

/// <summary>Another live process trains the run: two writers would interleave one run's snapshots.</summary>
public sealed class RunLockedException(string path, string holder) : PersistenceException(
    $"run folder {System.IO.Path.GetDirectoryName(path)} is in use by {holder} (lock file {path}); " +
    "one process trains a run at a time: wait for it to end or stop it first.")
{
    public string Holder { get; } = holder;
}
