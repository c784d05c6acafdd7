using CrewChief.Races;

namespace CrewChief.Tests.Races;

/// <summary>The circuit of a timing file, by the words of its event and file names (WEC's own event names).</summary>
public sealed class TimingTrackTests
{
    [Theory]
    // WEC's round at the Circuit of the Americas is "Lone Star Le Mans": not La Sarthe (whose corners would be named).
    [InlineData("Lone Star Le Mans", "2025_cota_6h", "cota gp")]
    [InlineData("24 Hours of Le Mans", "2024_le_mans_24h", "lemans full")]
    [InlineData("6 Hours of Spa", "2025_spa_6h", "spa up")]
    [InlineData("6 Hours of Fuji", "2025_fuji_6h", "fuji gp")]
    [InlineData("6 Hours of Imola", "2025_imola_6h", "imola gp")]
    [InlineData("Rolex 6 Hours of São Paulo", "2025_sao_paulo_6h", "interlagos gp")]
    public void The_circuit_comes_from_the_most_specific_name(string eventName, string file, string track) =>
        Assert.Equal(track, TimingText.Track(eventName, file).TrackName);

    [Fact]
    public void An_unknown_circuit_keeps_the_event_name() =>
        Assert.Equal(("Qatar 1812km", "Qatar 1812km"), TimingText.Track("Qatar 1812km", "2025_qatar_1812km"));
}
