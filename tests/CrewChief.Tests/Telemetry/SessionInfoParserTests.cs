using CrewChief.Telemetry;

namespace CrewChief.Tests.Telemetry;

public class SessionInfoParserTests
{
    private static readonly float[] s_sectorStarts = [0f, 0.512345f];

    [Theory]
    [MemberData(nameof(TelemetryFiles.YamlNames), MemberType = typeof(TelemetryFiles))]
    public void EveryYamlSample_Parses_WithTrackSessionsAndDrivers(string name)
    {
        var info = SessionInfoParser.Parse(File.ReadAllBytes(TelemetryFiles.YamlPath(name)));
        Assert.NotEqual("", info.TrackName);
        Assert.True(info.TrackLengthKm > 0.5f && info.TrackLengthKm < 30f, $"track length {info.TrackLengthKm}");
        Assert.NotEmpty(info.Sessions);
        Assert.NotEmpty(info.Drivers);
        Assert.InRange(info.PlayerCarIdx, 0, 63);
        Assert.NotNull(info.PlayerDriver);
        Assert.True(info.FuelTankLitres > 0, "fuel tank");
    }

    [Theory]
    [MemberData(nameof(TelemetryFiles.IbtNames), MemberType = typeof(TelemetryFiles))]
    public void EveryIbtYaml_Parses(string name)
    {
        using var source = new IbtReplaySource(TelemetryFiles.IbtPath(name), IbtReplaySource.AsFastAsPossible);
        var info = source.SessionInfo!;
        Assert.NotEqual("", info.TrackDisplayName);
        Assert.NotEmpty(info.Sessions);
        Assert.NotNull(info.PlayerDriver);
        Assert.NotEqual("", info.PlayerDriver!.CarPath);
    }

    [Fact]
    public void SpaRaceWeekend_TwelveDriversFourSessions_PaceCarAndTank()
    {
        var info = SessionInfoParser.Parse(File.ReadAllBytes(TelemetryFiles.YamlPath("svapps_audi-r8-gt3_spa_race-weekend.yaml")));
        Assert.Equal("spa up", info.TrackName);
        Assert.Equal("Circuit de Spa-Francorchamps", info.TrackDisplayName);
        Assert.Equal("Grand Prix Pit", info.TrackConfigName);
        Assert.Equal(6.93f, info.TrackLengthKm, 1e-4f);
        Assert.Equal("road course", info.TrackType);
        Assert.Equal(39.73f, info.TrackTempC, 1e-4f);
        Assert.Equal(0, info.IncidentLimit);  // "unlimited"
        Assert.Equal(10, info.PlayerCarIdx);
        Assert.Equal(52f, info.FuelTankLitres, 1e-3f);  // 104.000 × 0.500
        Assert.Equal(4, info.Sessions.Count);
        Assert.Equal(0, info.Sessions[0].Laps);          // "unlimited"
        Assert.Equal(3600.0, info.Sessions[0].TimeSeconds);
        Assert.Equal("Practice", info.Sessions[0].SessionType);
        Assert.Contains(info.Sessions, s => s.IsRace);
        var pace = Assert.Single(info.Drivers, d => d.IsPaceCar);
        Assert.Equal(0, pace.CarIdx);
        Assert.Equal("Pace Car", pace.UserName);
        Assert.True(info.Drivers.Count >= 12);
        Assert.NotEmpty(info.SectorStarts);
        Assert.Equal(0f, info.SectorStarts[0]);
    }

    [Fact]
    public void InvalidUnescapedChars_ParsesBestEffort_WithoutThrowing()
    {
        var info = SessionInfoParser.Parse(File.ReadAllBytes(TelemetryFiles.YamlPath("svapps_invalid-unescapedChars.yaml")));
        var valid = SessionInfoParser.Parse(File.ReadAllBytes(TelemetryFiles.YamlPath("svapps_valid.yaml")));
        Assert.Equal(valid.Drivers.Count, info.Drivers.Count);
        Assert.Equal(valid.PlayerCarIdx, info.PlayerCarIdx);
        Assert.Equal(valid.TrackName, info.TrackName);
        var pace = info.Drivers[0];
        Assert.Equal("[", pace.UserName);
        Assert.Equal("@", pace.TeamName);
    }

    [Fact]
    public void OldFile_NoCarScreenName_PaceCarByCarPath()
    {
        string path = TelemetryFiles.LivePath("rt2000_interlagos_ver1.bin");
        var bytes = File.ReadAllBytes(path);
        var header = IrsdkHeader.Read(bytes);
        var info = SessionInfoParser.Parse(IrsdkLayout.SessionInfoBytes(bytes, header));
        // Windows-1252 text: "Autódromo José Carlos Pace".
        Assert.Equal("Aut\u00f3dromo Jos\u00e9 Carlos Pace", info.TrackDisplayName);
        var pace = Assert.Single(info.Drivers, d => d.IsPaceCar);
        Assert.Equal("safety pcfr500s", pace.CarPath);
        Assert.Equal("", pace.CarScreenName);
        Assert.Equal(6, info.PlayerCarIdx);
        Assert.Equal(4200.0, info.Sessions[0].TimeSeconds);
    }

    [Fact]
    public void Quirks_HashInValue_Yaml11Booleans_EmptyAndBackslashNames_QuotedStrings()
    {
        const string yaml = """
            ---
            WeekendInfo:
              TrackName: test oval
              TrackLength: 1.23 km
              WeekendOptions:
                IncidentLimit: 17
                CourseCautions: off
                StandingStart: On
            SessionInfo:
              Sessions:
              - SessionNum: 0
                SessionLaps: 25
                SessionTime: 1800.0000 sec
                SessionType: Race
            DriverInfo:
              DriverCarIdx: 1
              DriverCarFuelMaxLtr: 80.000
              DriverCarMaxFuelPct: 0.000
              Drivers:
              - CarIdx: 0
                UserName:
                TeamName: Team X #37
                CarPath: safety pcporsche911cup
              - CarIdx: 1
                UserName: Back\slash \\ Name
                TeamName: "Quoted: Team"
                CarScreenName: 'It''s a car'
                CarPath: somecar
                CarIsPaceCar: 0
            SplitTimeInfo:
              Sectors:
              - SectorNum: 0
                SectorStartPct: 0.000000
              - SectorNum: 1
                SectorStartPct: 0.512345
            ...
            """;
        var info = SessionInfoParser.Parse(yaml);
        Assert.Equal(17, info.IncidentLimit);
        Assert.Equal(1.23f, info.TrackLengthKm, 1e-5f);
        Assert.Equal(25, info.Sessions[0].Laps);
        Assert.Equal(1800.0, info.Sessions[0].TimeSeconds);
        Assert.True(info.Sessions[0].IsRace);
        Assert.Equal(80f, info.FuelTankLitres);  // MaxFuelPct 0.000 means no restriction
        Assert.Equal("", info.Drivers[0].UserName);
        Assert.Equal("Team X #37", info.Drivers[0].TeamName);
        Assert.True(info.Drivers[0].IsPaceCar);   // no CarIsPaceCar: by CarPath
        Assert.Equal(@"Back\slash \\ Name", info.Drivers[1].UserName);
        Assert.Equal("Quoted: Team", info.Drivers[1].TeamName);
        Assert.Equal("It's a car", info.Drivers[1].CarScreenName);
        Assert.False(info.Drivers[1].IsPaceCar);
        Assert.Equal(s_sectorStarts, info.SectorStarts);

        var root = SessionYamlReader.Parse(yaml);
        Assert.Equal("off", root["WeekendInfo"]["WeekendOptions"]["CourseCautions"].Text);
        Assert.Equal("On", root["WeekendInfo"]["WeekendOptions"]["StandingStart"].Text);
    }

    [Fact]
    public void Windows1252_HighBytes_DecodeToTheirCharacters()
    {
        byte[] text = [.. "WeekendInfo:\n TrackDisplayName: "u8, 0x80, 0x20, 0x93, 0x71, 0x94, 0x20, 0xE9, 0x20, 0x9F, (byte)'\n', 0, (byte)'x'];
        var info = SessionInfoParser.Parse(text);
        Assert.Equal("\u20AC \u201Cq\u201D \u00E9 \u0178", info.TrackDisplayName);
    }

    [Theory]
    [InlineData("")]
    [InlineData("---\n...")]
    [InlineData(":::\n  - - -\n:\n- a\n  b: [\n\t\tc:")]
    [InlineData("DriverInfo:\n Drivers:\n -\n - CarIdx\n - CarIdx: x\n")]
    public void Garbage_NeverThrows(string yaml)
    {
        var info = SessionInfoParser.Parse(yaml);
        Assert.NotNull(info);
        Assert.Equal(-1, info.PlayerCarIdx);
    }

    [Theory]
    [InlineData("6.93 km", 6.93)]
    [InlineData("1800.0000 sec", 1800.0)]
    [InlineData("unlimited", 0.0)]
    [InlineData("-23.704804 m", -23.704804)]
    [InlineData("", 0.0)]
    public void LeadingNumber_ReadsTheNumberBeforeTheUnit(string text, double expected) =>
        Assert.Equal(expected, SessionInfoParser.LeadingNumber(text), 1e-9);
}
