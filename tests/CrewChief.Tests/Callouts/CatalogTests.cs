using CrewChief.Callouts;

namespace CrewChief.Tests.Callouts;

public class CatalogTests
{
    [Fact]
    public void Catalogs_CoverAtLeastSeventyCarsAndTracks()
    {
        Assert.True(CarCatalog.Default.Cars.Count >= 70, $"{CarCatalog.Default.Cars.Count} cars");
        Assert.True(TrackCatalog.Default.Tracks.Count >= 70, $"{TrackCatalog.Default.Tracks.Count} tracks");
    }

    [Fact]
    public void Catalogs_EveryCornerIsInsideTheLapAndSorted()
    {
        foreach (var track in TrackCatalog.Default.Tracks)
        {
            Assert.NotEmpty(track.Corners);
            for (int i = 0; i < track.Corners.Length; i++)
            {
                Assert.InRange(track.Corners[i].LapPct, 0f, 1f);
                if (i > 0) Assert.True(track.Corners[i].LapPct >= track.Corners[i - 1].LapPct, track.Id);
            }
        }
    }

    [Theory]
    [InlineData("Porsche 911 GT3 R (992)", "Porsche 911 GT3 R (992)")]
    [InlineData("porsche 911 gt3 r (992)", "Porsche 911 GT3 R (992)")]
    [InlineData("porsche992rgt3", "Porsche 911 GT3 R (992)")]
    [InlineData("Mercedes-AMG W13 E Performance", "Mercedes-AMG W13 E Performance")]
    [InlineData("stockcars chevycamarozl12022", "NASCAR Cup Series Next Gen Chevrolet Camaro ZL1")]
    [InlineData("Acura ARX-06", "Acura ARX-06 GTP")]
    public void TryFind_MatchesScreenNameOrPathIgnoringCase(string query, string expected)
    {
        Assert.True(CarCatalog.Default.TryFind(query, out var car));
        Assert.Equal(expected, car.ScreenName);
    }

    [Theory]
    [InlineData("Porsche")]        // many Porsches: ambiguous, so no guess
    [InlineData("GT3")]
    [InlineData("Lada Niva")]
    [InlineData("")]
    public void TryFind_RefusesAmbiguousOrUnknownNames(string query) =>
        Assert.False(CarCatalog.Default.TryFind(query, out _));

    [Fact]
    public void Traits_DrsOnlyOnF1_HybridOnlyWhereFitted()
    {
        foreach (var car in CarCatalog.Default.Cars)
        {
            if (car.Has(CarTraits.Drs)) Assert.Equal("F1", car.ClassName);
        }
        Assert.False(CarCatalog.Default.FindOrUnknown("BMW M4 GT3").Has(CarTraits.Hybrid));
        Assert.True(CarCatalog.Default.FindOrUnknown("Porsche 963 GTP").Has(CarTraits.Hybrid));
        Assert.True(CarCatalog.Default.FindOrUnknown("Mercedes-AMG W13 E Performance").Has(CarTraits.Drs));
    }

    [Theory]
    [InlineData("spa 2024 up", null, null, "spa up")]
    [InlineData("spa up", null, null, "spa up")]
    [InlineData(null, "Circuit de Spa-Francorchamps", null, "spa up")]
    [InlineData("monza full", null, null, "monza full")]
    [InlineData("daytona 2011 road", null, null, "daytona 2011 road")]
    [InlineData("daytona 2011 oval", null, null, "daytona 2011 oval")]
    [InlineData("", "Daytona International Speedway", "Road Course", "daytona 2011 road")]
    [InlineData("lagunaseca", null, null, "lagunaseca")]
    public void TrackTryFind_MatchesTrackNameDisplayNameAndConfig(string? name, string? display, string? config, string id)
    {
        Assert.True(TrackCatalog.Default.TryFind(name, display, config, out var track));
        Assert.Equal(id, track.Id);
    }

    [Fact]
    public void FromSession_FindsCarTrackAndOtherDriversNames()
    {
        var session = new CrewChief.Telemetry.SessionInfo
        {
            TrackName = "spa 2024 up",
            TrackDisplayName = "Circuit de Spa-Francorchamps",
            TrackConfigName = "Grand Prix",
            TrackType = "road course",
            PlayerCarIdx = 3,
        };
        session.Drivers.Add(new CrewChief.Telemetry.DriverEntry { CarIdx = 3, UserName = "Me", CarScreenName = "Porsche 963 GTP", CarPath = "porsche963gtp" });
        session.Drivers.Add(new CrewChief.Telemetry.DriverEntry { CarIdx = 7, UserName = "Ana Rival", CarPath = "porsche963gtp" });
        session.Drivers.Add(new CrewChief.Telemetry.DriverEntry { CarIdx = 0, UserName = "Pace Car", IsPaceCar = true });

        var ctx = CalloutContext.FromSession(session);
        Assert.Equal("Porsche 963 GTP", ctx.Car.ScreenName);
        Assert.True(ctx.Car.Has(CarTraits.Hybrid));
        Assert.Equal("spa up", ctx.Track.Id);
        Assert.Equal("Ana Rival", ctx.NameOf(7));
        Assert.Null(ctx.NameOf(0));
        Assert.Null(ctx.NameOf(3));
    }

    [Fact]
    public void NextCorner_IsTheFirstCornerAheadAndWrapsPastTheLine()
    {
        Assert.True(TrackCatalog.Default.TryFind("spa up", out var spa));
        Assert.Equal("Les Combes", TrackCatalog.NextCorner(spa, 0.2)!.Value.Name);
        Assert.Equal("Eau Rouge", TrackCatalog.NextCorner(spa, 0.05)!.Value.Name);
        Assert.Equal("La Source", TrackCatalog.NextCorner(spa, 0.97)!.Value.Name);
        Assert.Null(TrackCatalog.NextCorner(TrackInfo.Unknown("x", false), 0.5));
    }
}
