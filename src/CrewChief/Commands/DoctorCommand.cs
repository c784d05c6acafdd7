using System.Text.Json;
using CrewChief.Pipeline;
using CrewChief.Tools.Doctor;

namespace CrewChief.App.Commands;

/// <summary>crewchief doctor [--json]: checks natives, model, voice, audio device and GPU, and says what to fix.</summary>
internal static class DoctorCommand
{
    public const string Usage = """
          doctor [--json]      check natives, model, voice, audio device and GPU; say what to fix
        """;

    public static int Run(CommandArgs args)
    {
        bool json = args.Flag("--json");
        var config = ConfigFlags.Load(args);
        args.ThrowOnUnknown();
        var findings = SetupCheck.Run(config);
        bool failed = findings.Exists(f => f.Level == SetupLevel.Fail);
        if (json)
        {
            using var stdout = Console.OpenStandardOutput();
            using var w = new Utf8JsonWriter(stdout, new JsonWriterOptions { Indented = true });
            w.WriteStartObject();
            w.WriteBoolean("ok", !failed);
            w.WriteStartArray("checks");
            foreach (var f in findings)
            {
                w.WriteStartObject();
                w.WriteString("area", f.Area);
                w.WriteString("level", f.Level.ToString().ToLowerInvariant());
                w.WriteString("detail", f.Detail);
                if (f.Fix is null) w.WriteNull("fix"); else w.WriteString("fix", f.Fix);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
            w.Flush();
            stdout.WriteByte((byte)'\n');
        }
        else
        {
            foreach (var f in findings)
            {
                string mark = f.Level switch { SetupLevel.Ok => "ok  ", SetupLevel.Warn => "warn", _ => "FAIL" };
                Console.WriteLine($"{mark}  {f.Area,-12} {f.Detail}");
                if (f.Fix is not null) Console.WriteLine($"      {"",-12} fix: {f.Fix}");
            }
            Console.WriteLine(failed ? "Some checks failed; CrewChief still runs with what it has." : "Ready to race.");
        }
        return failed ? ExitCodes.CannotGoOn : ExitCodes.Ok;
    }
}
