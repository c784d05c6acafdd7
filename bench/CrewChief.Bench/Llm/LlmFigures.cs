using System.Diagnostics;
using CrewChief.Llm;
using CrewChief.Native.Llama;

namespace CrewChief.Bench.Llm;

/// <summary>
/// "llm-figures [tiny|1b] [runs] [threads]": the latency figures BenchmarkDotNet cannot split out of one method
/// call (time to first token, to first grounded clause, prompt and generation throughput), as medians over a
/// few callouts after one warm-up.
/// </summary>
internal static class LlmFigures
{
    public static int Run(string[] args)
    {
        string shape = args.Length > 0 ? args[0] : "1b";
        int runs = args.Length > 1 ? int.Parse(args[1]) : 5;
        int threads = args.Length > 2 ? int.Parse(args[2]) : Environment.ProcessorCount;
        if (!LlamaLibrary.TryInitialize(out string error))
        {
            Console.Error.WriteLine(error);
            return 1;
        }
        string path = BenchModels.Ensure(shape);
        var load = Stopwatch.StartNew();
        // The second run of the same shape loads the system prompt's KV cache from disk instead of decoding it.
        if (!LlmCalloutWriter.TryCreate(LlmBenchCase.Options(path, threads) with { PrefixCacheFolder = BenchModels.Folder }, out var writer, out error))
        {
            Console.Error.WriteLine(error);
            return 1;
        }
        using (writer)
        {
            double loadMs = load.Elapsed.TotalMilliseconds;
            var guard = new LlmBenchCase.AcceptAll();
            var e = LlmBenchCase.Event();
            writer.TryImprove(e, LlmBenchCase.Draft, guard, CancellationToken.None);
            var all = new List<LlmTimings>();
            for (int i = 0; i < runs; i++)
            {
                LlmResult r = writer.TryImprove(e, LlmBenchCase.Draft, guard, CancellationToken.None);
                if (r.FellBack) throw new InvalidOperationException($"fell back: {r.Reason} {r.Problem}");
                all.Add(r.Timings);
            }
            Console.WriteLine($"model: {writer.Description}; llama.cpp {LlamaLibrary.NativeVersion}; {threads} threads; {LlamaLibrary.Devices}");
            Console.WriteLine($"cpu: {LlamaLibrary.SystemInfo}");
            Console.WriteLine($"load + system prompt ({writer.PrefixTokenCount} tokens, {(writer.PrefixFromCache ? "KV cache loaded from disk" : "decoded")}): {loadMs:0} ms");
            Console.WriteLine($"per callout (median of {runs}): prompt {all[0].PromptTokens} tokens, answer {all[0].GeneratedTokens} tokens");
            Console.WriteLine($"  time to first token          {Median(all, t => t.FirstTokenMs),8:0.0} ms");
            Console.WriteLine($"  time to first grounded clause{Median(all, t => t.FirstClauseMs),8:0.0} ms");
            Console.WriteLine($"  whole callout                {Median(all, t => t.TotalMs),8:0.0} ms");
            Console.WriteLine($"  prompt tokens/s              {Median(all, t => t.PromptTokensPerSecond),8:0.0}");
            Console.WriteLine($"  generated tokens/s           {Median(all, t => t.TokensPerSecond),8:0.0}");
        }
        return 0;
    }

    private static double Median(List<LlmTimings> all, Func<LlmTimings, double> pick)
    {
        var values = all.Select(pick).Order().ToArray();
        return values[values.Length / 2];
    }
}
