package io.homepot.appliance.store;

/** Every store over one {@link Database}; built once by the appliance context. */
public record Stores(Database db, SiteStore sites, DeviceTypeStore deviceTypes, DeviceStore devices, SampleStore samples,
                     EventStore events, AnomalyStore anomalies, IncidentStore incidents, ReportStore reports,
                     UserStore users, DemoIncidentStore demoIncidents) {

    public static Stores over(Database db) {
        return new Stores(db, new SiteStore(db), new DeviceTypeStore(db), new DeviceStore(db), new SampleStore(db),
                new EventStore(db), new AnomalyStore(db), new IncidentStore(db), new ReportStore(db), new UserStore(db),
                new DemoIncidentStore(db));
    }
}
