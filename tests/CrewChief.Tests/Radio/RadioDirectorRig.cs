using CrewChief.Events;
using CrewChief.Pipeline;
using CrewChief.Radio;

namespace CrewChief.Tests.Radio;

/// <summary>
/// What the radio's director tests share: a started director behind the driver radio's gate, speaking into a text
/// transcript, and the tick's radio tap to call by hand.
/// </summary>
internal sealed class RadioDirectorRig : IDisposable
{
    private readonly CalloutLedger _ledger;

    public RadioDirectorRig()
    {
        _ledger = new CalloutLedger(new LatencyStats(), new DashboardState(), null, null, Transcript);
        Director = new Director(Router, new LatestPlayerState(), _ledger, new DirectorOutputs { RadioGate = Radio });
        Director.Start();
    }

    public EventRouter Router { get; } = new();
    public DriverRadio Radio { get; } = new();
    public StringWriter Transcript { get; } = new();
    public Director Director { get; }

    /// <summary>The lines spoken so far.</summary>
    public string[] TranscriptLines => Transcript.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>The tick's radio tap, once (no speed trace learned yet: anywhere counts as a straight).</summary>
    public void Tick() => Radio.OnTick(new CrewChief.Telemetry.TelemetryFrame(), null, new RaceBrain(), Router, System.Diagnostics.Stopwatch.GetTimestamp());

    public void Dispose()
    {
        Director.Dispose();
        _ledger.Dispose();
        Router.Dispose();
    }
}
