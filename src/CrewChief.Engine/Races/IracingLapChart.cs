namespace CrewChief.Races;

public static class IracingLapChart
{
    public static RaceTiming Read(string path) => throw InputException.ForFile(path, "iRacing lap charts are not read yet.");
}
