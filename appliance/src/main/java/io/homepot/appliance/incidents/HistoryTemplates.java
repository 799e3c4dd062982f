package io.homepot.appliance.incidents;

import java.util.List;

/**
 * Past-incident templates of the demo history: category, the device roles it can happen on, a description and
 * the resolutions that fixed it. Placeholders: {@code {dev}} device label, {@code {hvac}} / {@code {ups}} /
 * {@code {sw}} a device of that role, {@code {hh}} time of day, {@code {r:a:b}} a number with one decimal in
 * [a, b], {@code {i:a:b}} a whole number in [a, b].
 */
final class HistoryTemplates {
    private HistoryTemplates() {
    }

    /** Device roles, matched on the device type code (see {@link DemoIncidentHistory#roleOf}). */
    enum Role { TEMP, HVAC, NET, POWER, POS, SERVER, ANY }

    record Template(String category, List<Role> roles, int weight, String description, List<String> resolutions) {
    }

    private static Template t(String category, List<Role> roles, int weight, String description, String... resolutions) {
        return new Template(category, roles, weight, description, List.of(resolutions));
    }

    private static final List<Role> TEMP = List.of(Role.TEMP, Role.HVAC);
    private static final List<Role> NET = List.of(Role.NET, Role.POS, Role.SERVER);
    private static final List<Role> POWER = List.of(Role.POWER, Role.NET, Role.SERVER);
    private static final List<Role> PSU = List.of(Role.NET, Role.SERVER, Role.POS);
    private static final List<Role> PERF = List.of(Role.POS, Role.SERVER);
    private static final List<Role> MECH = List.of(Role.HVAC, Role.POWER, Role.SERVER);
    private static final List<Role> STORAGE = List.of(Role.SERVER, Role.POS);

    static final List<Template> ALL = List.of(
            // temperature
            t("temperature", TEMP, 6, "Temperature on {dev} rose to {r:30:36} °C, {r:4:9}σ above its usual {r:20:23} °C for "
                            + "{hh}, above its warning threshold 30 °C.",
                    "Cooling system adjusted: {hvac} setpoint lowered 2 °C",
                    "Cleaned the clogged return-air filter of {hvac}; temperature back to normal within 40 minutes",
                    "Reset {hvac} after a compressor trip; cooling restored"),
            t("temperature", TEMP, 4, "Temperature spike on {dev}: {r:31:38} °C against a normal {r:20:23} °C while "
                            + "{hvac} reported a compressor fault a few minutes earlier.",
                    "Replaced the compressor contactor of {hvac}; spike did not recur",
                    "Cooling system adjusted: {hvac} setpoint lowered 2 °C",
                    "Recharged refrigerant in {hvac}; compressor cycling normal again"),
            t("temperature", TEMP, 4, "Server room running hot: {dev} read {r:29:34} °C for {i:20:90} minutes during the "
                            + "afternoon peak.",
                    "Blanking panels fitted in rack 3 to stop hot-air recirculation",
                    "Cooling system adjusted: {hvac} setpoint lowered 2 °C",
                    "Portable cooling unit brought in until {hvac} was serviced"),
            t("temperature", TEMP, 3, "Overheating alarm: {dev} climbed to {r:32:40} °C after {hvac} stopped blowing cold "
                            + "air.",
                    "Replaced failed condenser fan motor on {hvac}",
                    "Thawed an iced-up evaporator coil on {hvac} and cleared the drain line"),
            t("temperature", TEMP, 3, "Temperature on {dev} drifted up to {r:27:31} °C over {i:3:9} hours, {r:3:6}σ above "
                            + "its usual level.",
                    "Recalibrated the {hvac} thermostat; it was reading 2 °C low",
                    "Cleaned the clogged return-air filter of {hvac}; temperature back to normal within 40 minutes"),
            t("temperature", TEMP, 2, "Temperature on {dev} fell to {r:12:16} °C, {r:4:7}σ below its usual {r:20:22} °C "
                            + "for {hh}.",
                    "Heating schedule corrected in the building management system",
                    "Closed a loading-bay door left open overnight"),
            t("temperature", TEMP, 2, "Warm room: {dev} reported {r:28:33} °C while the door to the corridor was propped "
                            + "open.",
                    "Door closer repaired; room temperature stable again",
                    "Staff reminded to keep the server room door shut; sign posted"),
            // humidity
            t("humidity", List.of(Role.TEMP, Role.HVAC), 4, "Humidity on {dev} rose to {r:68:82} %, {r:4:8}σ above its "
                            + "usual {r:40:50} % for {hh}.",
                    "Dehumidifier serviced and its condensate pump replaced",
                    "{hvac} switched to dry mode; humidity back under 55 % within two hours"),
            t("humidity", List.of(Role.TEMP, Role.HVAC), 3, "Condensation risk: relative humidity at {dev} reached "
                            + "{r:75:90} % after heavy rain.",
                    "Sealed a roof leak above the storage room",
                    "Dehumidifier serviced and its condensate pump replaced"),
            t("humidity", List.of(Role.TEMP, Role.HVAC), 2, "Air too dry: humidity on {dev} fell to {r:15:24} %, below "
                            + "its warning threshold 25 %.",
                    "Humidifier refilled and its float valve freed",
                    "Static-discharge mats checked; humidifier setpoint raised to 40 %"),
            // connectivity
            t("connectivity", NET, 5, "{dev} stopped reporting at {hh}: no heartbeat for {i:6:45} minutes.",
                    "Switch port {i:1:24} cable re-seated",
                    "Power-cycled the device; it rejoined the network",
                    "Replaced a damaged patch cable between the device and {sw}"),
            t("connectivity", NET, 4, "Packet loss on {dev} rose to {r:8:35} % with latency up to {i:180:900} ms.",
                    "Switch port {i:1:24} cable re-seated",
                    "Duplex mismatch fixed: port forced to 1 Gb/s full duplex on {sw}",
                    "Replaced the faulty SFP module in {sw}"),
            t("connectivity", NET, 3, "Network outage: {sw} uplink went down and {i:4:12} devices lost connectivity "
                            + "for {i:5:40} minutes.",
                    "ISP fibre fault cleared by the provider; failover to 4G tested",
                    "Rebooted {sw} after a firmware hang; firmware updated the next morning"),
            t("connectivity", NET, 3, "Wi-Fi signal on {dev} dropped to {i:-88:-78} dBm; transactions retried repeatedly.",
                    "Access point moved away from the metal shelving",
                    "Access point channel changed from 6 to 11 to avoid interference"),
            t("connectivity", NET, 2, "DHCP lease failures: {dev} kept losing its IP address around {hh}.",
                    "DHCP pool enlarged on the router; stale leases cleared",
                    "Static IP reservation added for the device"),
            // power
            t("power", POWER, 4, "Mains failure at {hh}: {ups} switched to battery for {i:3:35} minutes.",
                    "Utility outage; load ran on {ups} and returned to mains without data loss",
                    "Electrician reset a tripped breaker on the distribution board"),
            t("power", POWER, 4, "Battery charge on {ups} fell to {i:15:40} % during a short outage; runtime estimate "
                            + "under {i:4:9} minutes.",
                    "Replaced {ups} battery pack (4 years old)",
                    "Non-critical loads moved off {ups} to extend runtime"),
            t("power", PSU, 3, "Power supply fault on {dev}: input voltage dropped to {i:180:205} V and the unit "
                            + "rebooted twice.",
                    "Replaced failing PSU",
                    "Device moved to the UPS-protected circuit"),
            t("power", POWER, 3, "Load on {ups} reached {i:85:98} % after new equipment was plugged in.",
                    "Load rebalanced across both UPS units",
                    "Space heater removed from the UPS outlet"),
            t("power", PSU, 2, "{dev} lost power unexpectedly; voltage readings went to zero at {hh}.",
                    "Loose power cord re-seated and secured with a cable tie",
                    "Replaced failing PSU"),
            // performance
            t("performance", PERF, 4, "Transaction response time on {dev} rose to {i:2:9} s, {r:4:8}σ above its usual "
                            + "0.8 s for {hh}.",
                    "Payment gateway certificate renewed; response times back to normal",
                    "Restarted the POS service after a memory leak; patch applied next night"),
            t("performance", PERF, 4, "CPU on {dev} pinned at {i:92:100} % for {i:15:60} minutes; checkout screens froze.",
                    "Runaway antivirus scan rescheduled to 03:00",
                    "Restarted the POS service after a memory leak; patch applied next night"),
            t("performance", PERF, 3, "Memory use on {dev} climbed to {i:90:99} % and the application crashed.",
                    "Upgraded RAM from 4 GB to 8 GB",
                    "Vendor hotfix installed for the memory leak"),
            t("performance", PERF, 3, "Error rate on {dev} jumped to {i:5:25} % of transactions around {hh}.",
                    "Card reader firmware rolled back to the previous version",
                    "Receipt printer driver reinstalled"),
            t("performance", PERF, 2, "Slow scanning: {dev} took {i:3:8} seconds per item during the lunch rush.",
                    "Barcode scanner replaced",
                    "Local product database re-indexed"),
            // mechanical
            t("mechanical", MECH, 4, "Fan speed on {dev} fell to {i:400:900} rpm, far below its usual 1800 rpm.",
                    "Replaced worn fan bearing",
                    "Cleared debris from the fan housing and lubricated the motor"),
            t("mechanical", MECH, 4, "Vibration on {dev} rose to {r:6:14} mm/s, {r:4:9}σ above normal; rattling noise "
                            + "reported by staff.",
                    "Tightened loose compressor mounting bolts",
                    "Replaced worn fan bearing",
                    "Fan blade rebalanced by the HVAC contractor"),
            t("mechanical", MECH, 3, "Compressor on {dev} short-cycling: {i:12:30} starts per hour.",
                    "Refrigerant low-pressure switch replaced",
                    "Recharged refrigerant; compressor cycling normal again"),
            t("mechanical", MECH, 2, "Belt squeal from {dev}; motor current spiked at start-up.",
                    "Drive belt replaced and tension adjusted",
                    "Motor start capacitor replaced"),
            // storage
            t("storage", STORAGE, 4, "Disk usage on {dev} reached {i:90:99} %, above its warning threshold 90 %.",
                    "Old log files purged and log rotation enabled",
                    "Video retention shortened from 60 to 30 days"),
            t("storage", STORAGE, 3, "SMART warning on {dev}: {i:8:120} reallocated sectors on the system disk.",
                    "Replaced the failing SSD and restored from backup",
                    "Disk cloned to a new drive during the night shift"),
            t("storage", STORAGE, 2, "Database on {dev} became read-only after the disk filled up at {hh}.",
                    "Old log files purged and log rotation enabled",
                    "Storage expanded by 256 GB"),
            // other
            t("other", List.of(Role.ANY), 2, "{dev} clock drifted {i:3:15} minutes; timestamps out of order.",
                    "NTP server configured and time synchronised"),
            t("other", List.of(Role.ANY), 1, "Tamper alarm on {dev}: enclosure opened at {hh} outside working hours.",
                    "Contractor visit confirmed; enclosure lock replaced"));
}
