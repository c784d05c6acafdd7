namespace CrewChief.Tests;

/// <summary>
/// Finds the real data that lives beside the checkout in ../shared (never copied into the repo). Tests that need
/// it call <see cref="RequireTelemetry"/> and are skipped, with a message saying why, when it is absent.
/// </summary>
internal static class SharedData
{
    private static readonly string? s_root = FindRoot();

    public static string? Root => s_root;

    private static string? FindRoot()
    {
        string? env = Environment.GetEnvironmentVariable("CREWCHIEF_SHARED");
        if (!string.IsNullOrEmpty(env) && Directory.Exists(env)) return env;
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null)
        {
            if (File.Exists(Path.Combine(dir.FullName, "crewchief.slnx")))
            {
                string candidate = Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared"));
                return Directory.Exists(candidate) ? candidate : null;
            }
            dir = dir.Parent;
        }
        return null;
    }

    public static string RepoRoot
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "crewchief.slnx"))) dir = dir.Parent;
            return dir?.FullName ?? throw new InvalidOperationException("crewchief.slnx not found above the test binaries");
        }
    }

    /// <summary>Path of a file under ../shared, or skips the test when ../shared is absent.</summary>
    public static string Require(string relative)
    {
        if (s_root is null)
            Assert.Skip("../shared is absent beside the checkout (set CREWCHIEF_SHARED to point at it); real-data test skipped.");
        string path = Path.Combine(s_root, relative);
        if (!File.Exists(path) && !Directory.Exists(path))
            Assert.Skip($"{path} is missing from ../shared; real-data test skipped.");
        return path;
    }

    public static string RequireTelemetry(string relative) => Require(Path.Combine("telemetry", relative));
}
