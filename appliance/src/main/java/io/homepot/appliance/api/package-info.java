/**
 * The REST API: one Helidon {@link io.helidon.webserver.http.HttpService} per resource, JSON via JSON-P
 * ({@link io.homepot.appliance.api.Json}, {@link io.homepot.appliance.api.JsonInput},
 * {@link io.homepot.appliance.api.JsonViews}), errors as RFC 7807 problems from exactly one place
 * ({@link io.homepot.appliance.api.ErrorHandlers}): throw {@link io.homepot.appliance.api.ProblemException}.
 * To add a service: implement {@code HttpService} and mount it with
 * {@code Appliance#addService(path, service)} (or add a line to {@code Main#routing}). See {@code docs/api.md}.
 */
package io.homepot.appliance.api;
