using System.Text;

namespace CrewChief.Dashboard;

/// <summary>The live page's HTML/JS/CSS, embedded in the assembly (one file; /overlay flips it to a transparent body).</summary>
public static class DashboardPage
{
    private static byte[]? s_full, s_overlay;

    public static byte[] Html(bool overlay)
    {
        if (overlay) return s_overlay ??= Load(true);
        return s_full ??= Load(false);
    }

    private static byte[] Load(bool overlay)
    {
        using var stream = typeof(DashboardPage).Assembly.GetManifestResourceStream("CrewChief.Dashboard.Page.dashboard.html")
            ?? throw new InvalidOperationException("the dashboard page is missing from the assembly (build error).");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        string html = reader.ReadToEnd();
        if (overlay) html = html.Replace("<body class=\"full\">", "<body class=\"overlay\">", StringComparison.Ordinal);
        return Encoding.UTF8.GetBytes(html);
    }
}
