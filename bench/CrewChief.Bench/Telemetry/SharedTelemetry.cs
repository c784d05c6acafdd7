namespace CrewChief.Bench.Telemetry;

/// <summary>
/// Finds ../shared beside the checkout by walking up from the benchmark binary (BenchmarkDotNet runs it from a
/// generated folder under bin/) to crewchief.slnx.
/// </summary>
internal static class SharedTelemetry
{
    public static string File(string relative)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !System.IO.File.Exists(Path.Combine(dir.FullName, "crewchief.slnx"))) dir = dir.Parent;
        if (dir is null) throw new InvalidOperationException("crewchief.slnx not found above the benchmark binary");
        string path = Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "telemetry", relative));
        if (!System.IO.File.Exists(path)) throw new FileNotFoundException($"{path} is missing: these benchmarks need ../shared beside the checkout", path);
        return path;
    }
}
