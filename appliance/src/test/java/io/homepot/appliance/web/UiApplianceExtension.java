package io.homepot.appliance.web;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Injects the {@link UiAppliance} shared by all browser test classes of a run (seeded and scored once, closed when
 * the run ends): declare a {@code UiAppliance} parameter on a {@code @BeforeAll} or test method.
 */
final class UiApplianceExtension implements ParameterResolver {

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == UiAppliance.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return UiAppliance.shared(context);
    }
}
