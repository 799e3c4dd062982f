/** Extension point for {@code GET /api/ai/status}: see {@link io.homepot.appliance.status.StatusContributor}. */
package io.homepot.appliance.status;
