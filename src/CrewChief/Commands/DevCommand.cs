using CrewChief.Speech.Dev;

namespace CrewChief.App.Commands;

/// <summary>
/// crewchief dev SUBCOMMAND: developer tools that make test fixtures.
///   dev tiny-voice OUT.onnx [--multi-speaker] [--rank4]   a tiny Piper-contract model + OUT.onnx.json
///   dev medium-voice OUT.onnx [--high]                   random weights with a Piper medium (or high) voice's shape (benchmarks)
/// </summary>
internal static class DevCommand
{
    public static int Run(CommandArgs args)
    {
        string sub = args.RequiredPositional(0, "dev subcommand (tiny-voice, medium-voice)");
        switch (sub)
        {
            case "tiny-voice":
            {
                string outPath = args.RequiredPositional(1, "output path (crewchief dev tiny-voice OUT.onnx)");
                bool multi = args.Flag("--multi-speaker");
                bool rank4 = args.Flag("--rank4");
                args.ThrowOnUnknown();
                TinyPiperModel.Write(outPath, new TinyPiperModel.Shape(multi ? 3 : 1, rank4));
                Console.WriteLine($"{outPath} (+ .json): tiny Piper-contract voice, {(multi ? "3 speakers" : "1 speaker")}, rank-{(rank4 ? 4 : 3)} output");
                return 0;
            }
            case "medium-voice":
            {
                string outPath = args.RequiredPositional(1, "output path (crewchief dev medium-voice OUT.onnx)");
                bool high = args.Flag("--high");
                args.ThrowOnUnknown();
                var decoder = high ? MediumShapedPiperModel.High : MediumShapedPiperModel.Medium;
                MediumShapedPiperModel.Write(outPath, decoder);
                Console.WriteLine($"{outPath} (+ .json): random-weight model shaped like a Piper {decoder.Name} voice");
                return 0;
            }
            default:
                throw new InputException($"unknown dev subcommand '{sub}' (tiny-voice, medium-voice).");
        }
    }
}
