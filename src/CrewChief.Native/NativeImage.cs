namespace CrewChief.Native;

/// <summary>
/// Checks that a native library file is whole before it is loaded. A half-copied natives folder must give one line,
/// not a SIGBUS: the loader maps the file and dies when it touches a page past the end, which no handler can catch.
/// </summary>
public static class NativeImage
{
    /// <summary>False with a one-line reason (no path) when <paramref name="path"/> is not a complete library image.</summary>
    public static bool TryValidate(string path, out string? problem)
    {
        if (OperatingSystem.IsLinux()) return ElfImage.TryValidate(path, out problem);
        if (OperatingSystem.IsWindows()) return PeImage.TryValidate(path, out problem);
        problem = null;
        return true;
    }

    /// <summary>
    /// Validates every library in <paramref name="folder"/> whose name starts with <paramref name="prefix"/> (the
    /// ggml CPU back-ends, which ggml dlopens itself): the first incomplete one, as one line, or null.
    /// </summary>
    public static string? FirstIncomplete(string folder, string prefix)
    {
        string pattern = OperatingSystem.IsWindows() ? prefix + "*.dll" : "lib" + prefix + "*.so*";
        string[] files;
        try { files = Directory.GetFiles(folder, pattern); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return $"cannot list {folder}: {e.Message}"; }
        Array.Sort(files, StringComparer.Ordinal);
        foreach (string file in files)
        {
            if (!TryValidate(file, out string? problem)) return $"{file}: {problem}";
        }
        return null;
    }
}
