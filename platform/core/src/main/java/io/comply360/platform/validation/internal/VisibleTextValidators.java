package io.comply360.platform.validation.internal;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.constraints.NotBlank;

import org.hibernate.validator.BaseHibernateValidatorConfiguration;
import org.hibernate.validator.cfg.ConstraintMapping;

import io.comply360.platform.validation.Text;
import io.quarkus.hibernate.validator.ValidatorFactoryCustomizer;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Every {@code @NotBlank} of every service uses {@link Text#isBlank}: a required name made of no-break spaces or
 * zero-width characters is as blank as one made of spaces (Hibernate Validator's own check trims Java whitespace
 * only).
 */
@ApplicationScoped
public class VisibleTextValidators implements ValidatorFactoryCustomizer {

    @Override
    public void customize(BaseHibernateValidatorConfiguration<?> configuration) {
        ConstraintMapping mapping = configuration.createConstraintMapping();
        mapping.constraintDefinition(NotBlank.class)
                .includeExistingValidators(false)
                .validatedBy(NotBlankText.class);
        configuration.addMapping(mapping);
    }

    /** {@code @NotBlank} for strings: something visible, not only spaces, zero-width or format characters. */
    @RegisterForReflection // instantiated by Hibernate Validator
    public static class NotBlankText implements ConstraintValidator<NotBlank, CharSequence> {
        @Override
        public boolean isValid(CharSequence value, ConstraintValidatorContext context) {
            return value != null && !Text.isBlank(value);
        }
    }
}
