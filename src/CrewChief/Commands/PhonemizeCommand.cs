using CrewChief.Speech;

namespace CrewChief.App.Commands;

/// <summary>
/// crewchief phonemize "TEXT" --voice-config PATH.onnx.json [--ipa]: Piper phoneme ids, one comma-separated line per
/// sentence (with --ipa, the IPA phonemes before each line). A check of the espeak-ng path against Piper's own output.
/// </summary>
internal static class PhonemizeCommand
{
    public static int Run(CommandArgs args)
    {
        string text = args.RequiredPositional(0, "text to phonemise (crewchief phonemize \"TEXT\" --voice-config VOICE.onnx.json)");
        string configPath = args.String("--voice-config")
            ?? throw new InputException("phonemize needs --voice-config PATH.onnx.json (the voice's config, for its phoneme ids and espeak voice).");
        bool ipa = args.Flag("--ipa");
        args.ThrowOnUnknown();

        var config = PiperVoiceConfig.Load(configPath);
        if (!PiperPhonemizer.TryCreate(out PiperPhonemizer? phonemizer, out string error))
            throw new InputException(error);
        var sentences = new List<string>();
        phonemizer!.Phonemize(text, config.EspeakVoice, sentences);
        var ids = new List<long>(64);
        foreach (string sentence in sentences)
        {
            ids.Clear();
            PhonemeIdEncoder.Encode(sentence, config, ids);
            if (ipa) Console.WriteLine(sentence);
            Console.WriteLine(string.Join(',', ids));
        }
        return 0;
    }
}
