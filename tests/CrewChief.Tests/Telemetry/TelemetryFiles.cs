namespace CrewChief.Tests.Telemetry;

/// <summary>The real recordings in ../shared/telemetry, by name, so theories have rows even when ../shared is absent (they then skip).</summary>
public static class TelemetryFiles
{
    public static readonly string[] Ibt =
    [
        "amg-gt4_sebring.ibt",
        "audi-r8-gt3_indianapolis-road.ibt",
        "mercedes-w13_redbullring.ibt",
        "silverado-truck_bristol.ibt",
        "skmodified_langley_2015-05-28_14-45-12.ibt",
        "skmodified_langley_2015-05-28_14-45-28.ibt",
        "skmodified_langley_2015-05-28_14-46-23.ibt",
        "skmodified_langley_2015-05-28_14-47-39.ibt",
        "skmodified_langley_2015-05-28_14-48-39.ibt",
        "skmodified_langley_2015-05-28_14-49-50.ibt",
        "skmodified_langley_2015-05-28_14-50-46.ibt",
        "skmodified_newsmyrna_1.ibt",
        "skmodified_newsmyrna_2.ibt",
        "tour-modified_martinsville_2015.ibt",
    ];

    public static readonly string[] Live =
    [
        "mercedes-w13_monza_not-in-car.bin",
        "rt2000_interlagos_ver1.bin",
        "skipbarber_longbeach.bin",
        "skipbarber_watkinsglen_2017.bin",
    ];

    public static readonly string[] Yaml =
    [
        "av_watkinsglen_2017_pyirsdk-parse.txt",
        "aydsko_sessioninfo_2023-08-07.yaml",
        "aydsko_sessioninfo_verified.yaml",
        "nodeirsdk_sessioninfo_9643.yaml",
        "svapps_audi-r8-gt3_spa_race-weekend.yaml",
        "svapps_invalid-unescapedChars.yaml",
        "svapps_valid.yaml",
    ];

    public static TheoryData<string> IbtNames => new(Ibt);
    public static TheoryData<string> LiveNames => new(Live);
    public static TheoryData<string> YamlNames => new(Yaml);

    public static string IbtPath(string name) => SharedData.RequireTelemetry(Path.Combine("ibt", name));
    public static string LivePath(string name) => SharedData.RequireTelemetry(Path.Combine("live", name));
    public static string YamlPath(string name) => SharedData.RequireTelemetry(Path.Combine("yaml", name));
}
