using BenchmarkDotNet.Attributes;
using CrewChief.Events;
using CrewChief.Llm;
using CrewChief.Native.Llama;

namespace CrewChief.Bench.Llm;

/// <summary>
/// One whole callout (fact-sheet prompt on the cached system prefix + a forced 16-word answer) on random-weight
/// models. Few iterations: on the 2-core CI machine one 1B callout takes seconds. The split figures (first
/// token, first clause, tokens/s) come from "llm-figures".
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 1, iterationCount: 3, invocationCount: 1)]
public class LlmCalloutBenchmarks
{
    private LlmCalloutWriter? _writer;
    private RaceEvent _event;
    private readonly LlmBenchCase.AcceptAll _guard = new();

    [Params("tiny", "1b")]
    public string Shape { get; set; } = "tiny";

    [GlobalSetup]
    public void Setup()
    {
        if (!LlamaLibrary.TryInitialize(out string error)) throw new InvalidOperationException(error);
        string path = BenchModels.Ensure(Shape);
        // One thread: on a shared 2-core machine ggml's spinning workers stall each other (see docs/llm.md).
        if (!LlmCalloutWriter.TryCreate(LlmBenchCase.Options(path, 1), out _writer, out error))
            throw new InvalidOperationException(error);
        _event = LlmBenchCase.Event();
    }

    [Benchmark]
    public LlmResult Callout() => _writer!.TryImprove(_event, LlmBenchCase.Draft, _guard, CancellationToken.None);

    [GlobalCleanup]
    public void Cleanup() => _writer?.Dispose();
}
