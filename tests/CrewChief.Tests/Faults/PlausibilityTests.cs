using System.Text.Json;
using CrewChief.Events;
using CrewChief.Logging;
using CrewChief.Telemetry;
using CrewChief.Telemetry.Plausibility;

namespace CrewChief.Tests.Faults;

/// <summary>
/// The decoder's plausibility layer: random var buffers never reach the brain as values; real recordings never
/// trip it (the same check must hold on real data we do not have, so the ranges are physical, not fitted).
/// </summary>
public class PlausibilityTests
{
    [Fact]
    public void RandomVarBuffers_NoValueOutsideItsRange_NoFlagStorm()
    {
        byte[] dump = File.ReadAllBytes(SharedData.RequireTelemetry("live/skipbarber_longbeach.bin"));
        var layout = IrsdkLayout.Describe(dump, "dump");
        var decoder = new FrameDecoder(layout.Variables, layout.Header.BufferLength);
        var report = new StringWriter();
        decoder.Plausibility.Report = report;
        var frame = new TelemetryFrame();
        var rng = new Random(FaultKit.Seed);
        byte[] buffer = new byte[layout.Header.BufferLength];
        int usable = 0, flagsBelieved = 0;
        var previous = (SessionFlags)0;
        for (int i = 0; i < 600; i++)
        {
            rng.NextBytes(buffer);
            decoder.Decode(buffer, frame);
            if (frame.InWorld)
            {
                usable++;
                Assert.InRange(frame.FuelLevel, -1, ChannelLimits.MaxFuelLitres);
                Assert.InRange(frame.Lap, -1, ChannelLimits.MaxLap);
                Assert.True(double.IsFinite(frame.SessionTime));
            }
            if ((frame.Available & TelemetryChannels.TyreTemps) != 0)
                Assert.All(frame.TyreTemp, t => Assert.InRange(t, ChannelLimits.MinTyreTemp, ChannelLimits.MaxTyreTemp));
            if (frame.SessionFlags != previous) flagsBelieved++;
            previous = frame.SessionFlags;
            for (int c = 0; c < TelemetryFrame.MaxCars; c++)
                if (frame.CarIdxTrackSurface[c] != TrackSurface.NotInWorld) Assert.InRange(frame.CarIdxLap[c], -1, ChannelLimits.MaxLap);
        }
        // Random bytes pass every core range together almost never; a flag value must hold for 3 ticks to change.
        Assert.True(usable < 6, $"{usable} of 600 random buffers usable");
        Assert.True(flagsBelieved <= 1, $"SessionFlags changed {flagsBelieved} times on random bytes");
        Assert.Single(report.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("looks corrupt", report.ToString());
    }

    [Fact]
    public void FlagChange_AfterCorruptData_IsBelievedAfterThreeTicks()
    {
        var p = new FramePlausibility { Report = null };
        var f = new TelemetryFrame { Available = TelemetryChannels.SessionFlags | TelemetryChannels.Temperatures, SessionFlags = SessionFlags.Green, PlayerTrackSurface = TrackSurface.OnTrack };
        p.Apply(f);
        Assert.Equal(SessionFlags.Green, f.SessionFlags);
        // Clean data: a change is read as it is.
        f.SessionFlags = SessionFlags.Green | SessionFlags.Blue;
        p.Apply(f);
        Assert.Equal(SessionFlags.Green | SessionFlags.Blue, f.SessionFlags);
        f.SessionFlags = SessionFlags.Green;
        p.Apply(f);
        // Once the data has looked corrupt (an air temperature of 1e30 °C), a change must hold for 3 ticks.
        f.AirTemp = 1e30f;
        p.Apply(f);
        f.AirTemp = 20f;
        f.Available |= TelemetryChannels.Temperatures;
        for (int tick = 1; tick <= FramePlausibility.FlagConfirmTicks; tick++)
        {
            f.SessionFlags = SessionFlags.Yellow | SessionFlags.YellowWaving;
            p.Apply(f);
            Assert.Equal(tick < FramePlausibility.FlagConfirmTicks ? SessionFlags.Green : SessionFlags.Yellow | SessionFlags.YellowWaving, f.SessionFlags);
        }
        f.SessionFlags = (SessionFlags)0x0F00_0008u;  // an undefined bit: not a flag the sim can show
        p.Apply(f);
        Assert.Equal(0u, (uint)(f.Available & TelemetryChannels.SessionFlags));
    }

    [Fact]
    public void RealRecordings_NeverTripThePlausibilityCheck()
    {
        string dir = SharedData.RequireTelemetry("ibt");
        foreach (string file in Directory.GetFiles(dir, "*.ibt"))
        {
            using var source = new IbtReplaySource(file, IbtReplaySource.AsFastAsPossible, skipPlaceholders: false);
            var report = new StringWriter();
            source.Decoder.Plausibility.Report = report;
            var frame = new TelemetryFrame();
            while (source.TryRead(frame, 0) != TelemetryReadStatus.EndOfData) { }
            Assert.True(source.Decoder.Plausibility.CorruptTicks == 0, $"{Path.GetFileName(file)}: {report}");
        }
        foreach (string file in Directory.GetFiles(SharedData.RequireTelemetry("live"), "*.bin"))
        {
            using var source = new LiveMapSource(file, parseSessionInfoInBackground: false) { Notes = null };
            var frame = new TelemetryFrame();
            Assert.Equal(TelemetryReadStatus.NewFrame, source.TryRead(frame, 0));
            Assert.True(source.Decoder!.Plausibility.CorruptTicks == 0, Path.GetFileName(file));
        }
    }

    [Fact]
    public void NonFiniteNumbers_AreNullInEveryWriter_AndTheLogThreadSurvives()
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var w = new Utf8JsonWriter(buffer))
        {
            JsonNumbers.TakeNonFinite();
            w.WriteStartArray();
            SessionLogJson.WriteSample(w, new LogSample { SessionTime = double.PositiveInfinity, FuelLitres = float.NaN, SpeedKph = float.NegativeInfinity });
            var facts = new FactSet();
            facts.Set(FactKey.FuelLapsLeft, double.NaN);
            RaceEventJson.Write(w, new RaceEvent(EventKind.YellowFlag, Priority.Medium, double.NegativeInfinity, 0, 5, facts));
            w.WriteEndArray();
        }
        Assert.True(JsonNumbers.TakeNonFinite() >= 4);
        using var doc = JsonDocument.Parse(buffer.WrittenMemory);
        Assert.Equal(JsonValueKind.Null, doc.RootElement[0].GetProperty("t").ValueKind);

        string dir = FaultKit.TempDir("log");
        try
        {
            string path;
            using (var log = new SessionLog(dir, "inf"))
            {
                path = log.Path;
                for (int i = 0; i < 50; i++) log.TryWriteSample(new LogSample { SessionTime = i % 2 == 0 ? double.PositiveInfinity : i, Lap = i });
            }
            Assert.Equal(50, FaultKit.ReadLogLines(path));
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }
}
