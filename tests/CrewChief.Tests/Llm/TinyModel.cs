using CrewChief.Llm.Gguf;
using CrewChief.Native.Llama;

namespace CrewChief.Tests.Llm;

/// <summary>
/// The random-weight tiny GGUF the LLM tests run on, written once per test run, and the natives check: tests
/// skip with the reason when scripts/natives.sh has not been run (CI runs it first, so there they run).
/// </summary>
internal static class TinyModel
{
    private static readonly Lock s_lock = new();
    private static string? s_path;
    private static string? s_noTemplatePath;

    public static string Path => Write(ref s_path, "crewchief-tiny.gguf", RandomLlamaShape.Tiny);

    public static string NoTemplatePath => Write(ref s_noTemplatePath, "crewchief-tiny-notemplate.gguf", RandomLlamaShape.Tiny with { ChatTemplate = null });

    public static void RequireNatives()
    {
        if (!LlamaLibrary.TryInitialize(out string error))
            Assert.Skip($"llama.cpp natives not set up ({error}); run scripts/natives.sh.");
    }

    private static string Write(ref string? cached, string name, RandomLlamaShape shape)
    {
        lock (s_lock)
        {
            if (cached is not null) return cached;
            string dir = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"crewchief-tests-{Environment.ProcessId}");
            Directory.CreateDirectory(dir);
            string path = System.IO.Path.Combine(dir, name);
            RandomLlamaModel.Write(path, shape);
            cached = path;
            return path;
        }
    }
}
