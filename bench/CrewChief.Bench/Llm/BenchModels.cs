using System.Diagnostics;
using CrewChief.Tools.Llm.Gguf;
using CrewChief.Native.Llama;

namespace CrewChief.Bench.Llm;

/// <summary>
/// Random-weight models for the LLM benchmarks, written on first use into $TMP/crewchief-bench and kept there
/// (the 1B shape takes a minute to write and quantize on two cores). Never part of the tests.
/// </summary>
internal static class BenchModels
{
    public static string Folder { get; } = Path.Combine(Path.GetTempPath(), "crewchief-bench");

    /// <summary>"tiny" (F32) or "1b" (Llama 3.2 1B layer shapes, quantized to Q4_K_M like a shipped model).</summary>
    public static string Ensure(string shape)
    {
        Directory.CreateDirectory(Folder);
        if (shape == "tiny")
        {
            string tiny = Path.Combine(Folder, "tiny-f32.gguf");
            if (!File.Exists(tiny)) RandomLlamaModel.Write(tiny, RandomLlamaShape.Tiny);
            return tiny;
        }
        if (shape != "1b") throw new ArgumentException($"unknown shape {shape}", nameof(shape));
        string q4 = Path.Combine(Folder, "llama32-1b-shape-q4km.gguf");
        if (File.Exists(q4)) return q4;
        string f16 = Path.Combine(Folder, "llama32-1b-shape-f16.gguf");
        var sw = Stopwatch.StartNew();
        RandomLlamaModel.Write(f16, RandomLlamaShape.Llama32OneB);
        Console.WriteLine($"// wrote {f16} in {sw.Elapsed.TotalSeconds:0.0} s");
        sw.Restart();
        if (!LlamaQuantizer.TryQuantize(f16, q4 + ".part", LlamaQuantizer.Q4KM, Environment.ProcessorCount, out string error))
            throw new InvalidOperationException(error);
        File.Move(q4 + ".part", q4);
        File.Delete(f16);
        Console.WriteLine($"// quantized to Q4_K_M in {sw.Elapsed.TotalSeconds:0.0} s: {new FileInfo(q4).Length / 1048576.0:0} MiB");
        return q4;
    }
}
