using CrewChief.Native.Posix;

namespace CrewChief;

/// <summary>
/// Refuses, at once and in one line, an input path that is not a regular file. A FIFO would block the open for
/// ever, /dev/zero reads endless zeros, a folder gives .NET's "access denied": each is named for what it is.
/// </summary>
public static class InputFiles
{
    /// <summary>Throws <see cref="InputException"/> unless <paramref name="path"/> names a regular file (symlinks followed).</summary>
    public static void RequireRegularFile(string path)
    {
        if (Problem(path) is string problem) throw InputException.ForFile(path, problem);
    }

    /// <summary>Why <paramref name="path"/> cannot be read as an input file, or null when it can.</summary>
    public static string? Problem(string path)
    {
        if (string.IsNullOrWhiteSpace(path)) return "no file named";
        FileKind kind;
        if (FileStatus.TryGet(path, out var status)) kind = status.Kind;
        else kind = Directory.Exists(path) ? FileKind.Directory : File.Exists(path) ? FileKind.Regular : FileKind.Missing;
        return kind switch
        {
            FileKind.Regular => null,
            FileKind.Missing => MissingReason(path),
            FileKind.Directory => "is a folder, not a file; name a file inside it",
            FileKind.Fifo => "is a pipe (FIFO), not a file: reading it would wait for a writer for ever; give a file",
            FileKind.CharDevice or FileKind.BlockDevice => "is a device, not a file; give a file",
            FileKind.Socket => "is a socket, not a file; give a file",
            _ => "is not a regular file; give a file",
        };
    }

    private static string MissingReason(string path)
    {
        string? folder;
        try { folder = Path.GetDirectoryName(Path.GetFullPath(path)); }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException) { return "is not a valid path"; }
        if (!string.IsNullOrEmpty(folder) && !Directory.Exists(folder)) return $"folder {folder} not found; check the path";
        return "file not found; check the path";
    }
}
