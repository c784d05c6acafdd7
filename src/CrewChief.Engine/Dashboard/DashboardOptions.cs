namespace CrewChief.Dashboard;

/// <summary>Where the live race page listens. Loopback unless the settings file names another address.</summary>
public sealed class DashboardOptions
{
    public const int DefaultPort = 8777;

    /// <summary>IP address to bind ("127.0.0.1"; "0.0.0.0" shares the page on the network).</summary>
    public string Bind { get; init; } = "127.0.0.1";
    /// <summary>TCP port; 0 picks a free one (tests).</summary>
    public int Port { get; init; } = DefaultPort;
    /// <summary>Updates per second pushed to each page.</summary>
    public double Hz { get; init; } = 10;
}
