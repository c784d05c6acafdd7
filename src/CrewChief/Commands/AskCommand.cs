using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using CrewChief.Callouts;
using CrewChief.Llm;
using CrewChief.Pipeline;
using CrewChief.Radio;

namespace CrewChief.App.Commands;

/// <summary>
/// crewchief ask "TEXT" | --wav FILE | --intent NAME [--replay FILE --at S | --demo-at S] [--model DIR] [--recogniser auto|pocketsphinx|windows] [--json]:
/// the two-way radio's whole path without a microphone: recognised text, intent, grounded answer and timings.
/// </summary>
internal static class AskCommand
{
    public const string Usage = """
          ask "TEXT" | --wav FILE | --intent NAME [--replay FILE --at S | --demo-at S] [--model DIR]
              [--recogniser auto|pocketsphinx|windows] [--llm MODEL.gguf [--llm-deadline-ms N]] [--json]
                               ask the engineer a question (typed, a spoken WAV, or an intent name) and print
                               the recognised text, the intent and the grounded answer from the state at S s
                               of a recording or the demo race; --llm: the model may rephrase the answer through
                               the callouts' guard (the template answer on any failure); --json: text, intent,
                               answer, source (template|llm), llm_verdict, llm_ms, recognise_ms, answer_ms
        """;

    public static int Run(CommandArgs args) => Run(args, Console.Out);

    public static int Run(CommandArgs args, TextWriter output)
    {
        string? wav = args.String("--wav");
        string? intentName = args.String("--intent");
        string? replay = args.String("--replay");
        double? at = args.Number("--at");
        double? demoAt = args.Number("--demo-at");
        string? model = args.String("--model");
        string? recogniserName = args.String("--recogniser");
        string? llmModel = args.String("--llm");
        double? llmDeadline = args.Number("--llm-deadline-ms");
        bool json = args.Flag("--json");
        args.ThrowOnUnknown();
        string? text = args.Positionals.Count > 0 ? string.Join(' ', args.Positionals) : null;
        int inputs = (text is null ? 0 : 1) + (wav is null ? 0 : 1) + (intentName is null ? 0 : 1);
        if (inputs != 1) throw new InputException("ask needs exactly one of \"TEXT\", --wav FILE or --intent NAME. Try 'crewchief --help'.");
        if (replay is not null && demoAt is not null) throw new InputException("--replay and --demo-at cannot be used together; pick one.");
        if (at is not null && replay is null) throw new InputException("--at needs --replay FILE.");
        if (at is < 0 || demoAt is < 0) throw new InputException("--at and --demo-at are seconds from the start and cannot be negative.");
        if (!SpeechRecognisers.TryParse(recogniserName, out var recogniserChoice))
            throw new InputException($"--recogniser {recogniserName}: expected auto, pocketsphinx or windows.");
        RadioIntent parsed = RadioIntent.None;
        if (intentName is not null && !RadioIntents.TryParse(intentName, out parsed))
            throw new InputException($"unknown intent '{intentName}'; one of: {AllIntentNames()}.");

        RadioState state = RadioState.Unknown;
        CalloutContext ctx = new(CarInfo.Unknown(""), TrackInfo.Unknown("", false));
        if (replay is not null) (state, ctx) = RadioStateProbe.FromReplay(replay, at ?? double.PositiveInfinity);
        else if (demoAt is not null) (state, ctx) = RadioStateProbe.FromDemo(demoAt.Value);

        var radio = new DriverRadio();
        radio.Publish(state);
        ISpeechRecogniser? recogniser = null;
        short[] pcm = [];
        int rate = 0;
        if (wav is not null)
        {
            pcm = WavReader.Read(wav, out rate);
            recogniser = SpeechRecognisers.TryCreate(recogniserChoice, model, null, out string error)
                ?? throw new InputException($"cannot recognise speech: {error}");
        }
        using var station = new RadioStation(radio, recogniser, () => ctx);
        using var llm = llmModel is null ? null : OpenLlm(llmModel, llmDeadline ?? 2000);
        using var rewriter = llm is null ? null : new LlmWorker(llm);
        if (rewriter is not null) station.Rephraser = new RadioRephraser(rewriter, TimeSpan.FromMilliseconds(llmDeadline ?? 2000));
        RadioExchange x = wav is not null ? station.AskAudio(pcm, rate)
            : intentName is not null ? station.AskIntent(parsed)
            : station.AskText(text!);

        if (json)
        {
            using var w = new Utf8JsonWriter(Console.OpenStandardOutput(), new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
            w.WriteStartObject();
            w.WriteString("text", x.Heard);
            w.WriteString("intent", x.Intent.Name());
            w.WriteString("answer", x.Answer.Text);
            w.WriteString("spoken", x.Answer.Spoken);
            w.WriteBoolean("known", x.Answer.Known);
            w.WriteString("source", x.Answer.Source);
            if (x.Answer.LlmVerdict is { } verdict) w.WriteString("llm_verdict", verdict);
            else w.WriteNull("llm_verdict");
            w.WriteNumber("llm_ms", Math.Round(x.Answer.LlmMs, 1));
            w.WriteNumber("recognise_ms", Math.Round(x.RecogniseMs, 2));
            w.WriteNumber("answer_ms", Math.Round(x.AnswerMs, 3));
            w.WriteEndObject();
            w.Flush();
            Console.Out.Flush();
            Console.OpenStandardOutput().Write("\n"u8);
            return 0;
        }
        if (replay is null && demoAt is null && !x.Intent.IsCommand() && x.Intent != RadioIntent.None)
            output.WriteLine("(no --replay/--demo-at: answering from an empty state)");
        output.WriteLine($"heard:  {x.Heard}");
        output.WriteLine($"intent: {x.Intent.Name()}");
        output.WriteLine($"answer: {x.Answer.Text}");
        if (x.Answer.LlmVerdict is not null)
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"llm:    {x.Answer.Source} ({x.Answer.LlmVerdict}, {x.Answer.LlmMs:0} ms)"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"timing: recognise {x.RecogniseMs:0.0} ms, answer {x.AnswerMs:0.00} ms"));
        return 0;
    }

    /// <summary>The LLM for --llm; a missing or unloadable model is one line, like the engine's.</summary>
    private static LlmCalloutWriter OpenLlm(string path, double deadlineMs)
    {
        if (!File.Exists(path)) throw new InputException($"--llm {path}: no such file; give a GGUF model.");
        if (deadlineMs is < 50 or > 60000) throw new InputException("--llm-deadline-ms must be between 50 and 60000.");
        var options = new LlmOptions { ModelPath = path, Deadline = TimeSpan.FromMilliseconds(deadlineMs) };
        return LlmCalloutWriter.TryCreate(options, out var writer, out string error)
            ? writer
            : throw new InputException($"--llm {path}: {error}");
    }

    private static string AllIntentNames()
    {
        var names = new List<string>();
        for (int i = 1; i < RadioIntents.Count; i++) names.Add(((RadioIntent)i).Name());
        return string.Join(", ", names);
    }
}
