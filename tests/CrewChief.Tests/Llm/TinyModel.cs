using CrewChief.Tools.Llm.Gguf;
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

    private static string? s_gemmaPath;

    /// <summary>A template llama.cpp reads as Gemma's, which folds the system text into the first user turn.</summary>
    public static string GemmaTemplatePath => Write(ref s_gemmaPath, "crewchief-tiny-gemma.gguf",
        RandomLlamaShape.Tiny with { ChatTemplate = "{{ '<start_of_turn>' + role + '\\n' }}" });

    private static string? s_loraPath;
    private static string? s_wideLoraPath;

    /// <summary>A random LoRA made for <see cref="Path"/>.</summary>
    public static string LoraPath => WriteLora(ref s_loraPath, "crewchief-tiny-lora.gguf", RandomLlamaShape.Tiny);

    /// <summary>A LoRA for a wider model: must be refused by the tiny one.</summary>
    public static string MismatchedLoraPath => WriteLora(ref s_wideLoraPath, "crewchief-wide-lora.gguf", RandomLlamaShape.Tiny with { Embedding = 128 });

    private static string WriteLora(ref string? cached, string name, RandomLlamaShape shape)
    {
        lock (s_lock)
        {
            if (cached is not null) return cached;
            string path = System.IO.Path.Combine(Folder, name);
            RandomLlamaModel.WriteLora(path, shape);
            cached = path;
            return path;
        }
    }

    private static string? s_folder;

    // One folder per test process, removed when the process exits.
    private static string Folder
    {
        get
        {
            if (s_folder is not null) return s_folder;
            string dir = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"crewchief-tests-{Environment.ProcessId}");
            Directory.CreateDirectory(dir);
            AppDomain.CurrentDomain.ProcessExit += (_, _) =>
            {
                try { Directory.Delete(dir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
            };
            return s_folder = dir;
        }
    }

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
            string path = System.IO.Path.Combine(Folder, name);
            RandomLlamaModel.Write(path, shape);
            cached = path;
            return path;
        }
    }
}
