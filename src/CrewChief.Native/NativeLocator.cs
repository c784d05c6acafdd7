using System.Runtime.InteropServices;

namespace CrewChief.Native;

/// <summary>
/// Where the native engines' files are looked for, in one place. llama.cpp and ONNX Runtime come from pinned npm
/// packages that scripts/natives.sh unpacks into natives/&lt;rid&gt;/; the published exe carries them beside itself.
/// System libraries (OpenAL Soft, espeak-ng on Linux) are left to the OS loader.
/// </summary>
public static class NativeLocator
{
    /// <summary>The runtime identifier folder name used under natives/ (linux-x64, win-x64, ...).</summary>
    public static string Rid { get; } = RuntimeInformation.RuntimeIdentifier.StartsWith("win", StringComparison.Ordinal)
        ? "win-" + Arch
        : (OperatingSystem.IsMacOS() ? "osx-" : "linux-") + Arch;

    private static string Arch => RuntimeInformation.ProcessArchitecture switch
    {
        Architecture.Arm64 => "arm64",
        _ => "x64",
    };

    /// <summary>Folders searched, most specific first: $CREWCHIEF_NATIVES, the exe's folder, its natives/&lt;rid&gt;, and natives/&lt;rid&gt; in each parent folder (a dev checkout).</summary>
    public static IReadOnlyList<string> SearchFolders { get; } = BuildSearchFolders();

    private static List<string> BuildSearchFolders()
    {
        var list = new List<string>();
        string? env = Environment.GetEnvironmentVariable("CREWCHIEF_NATIVES");
        if (!string.IsNullOrEmpty(env)) list.Add(env);
        string baseDir = AppContext.BaseDirectory;
        list.Add(baseDir);
        var dir = new DirectoryInfo(baseDir);
        while (dir is not null)
        {
            string candidate = Path.Combine(dir.FullName, "natives", Rid);
            if (Directory.Exists(candidate)) list.Add(candidate);
            dir = dir.Parent;
        }
        return list;
    }

    /// <summary>Full path of the first folder (or its given subfolder) holding <paramref name="fileName"/>, or null.</summary>
    public static string? Find(string fileName, string? subfolder = null)
    {
        foreach (string folder in SearchFolders)
        {
            string path = subfolder is null ? Path.Combine(folder, fileName) : Path.Combine(folder, subfolder, fileName);
            if (File.Exists(path)) return path;
        }
        return null;
    }

    /// <summary>A one-line description of where files were looked for, for error messages.</summary>
    public static string Describe() => string.Join(", ", SearchFolders);
}
