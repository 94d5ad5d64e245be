package cn.partybuilding;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Locale;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;
import org.springframework.web.servlet.i18n.LocaleChangeInterceptor;

/** Chinese first: the interface is zh-CN unless the person switches to English (?lang=en, kept in a cookie). */
@Configuration
class WebConfiguration implements WebMvcConfigurer {

	static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

	@Bean
	Clock clock() {
		return Clock.system(ZONE);
	}

	/** Money and rates go out as exact decimal strings ("45.00", "0.015"): no client reads them as floats. */
	@Bean
	org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer decimalsAsStrings() {
		return builder -> builder.addModule(new tools.jackson.databind.module.SimpleModule("decimals-as-strings")
			.addSerializer(java.math.BigDecimal.class, new tools.jackson.databind.ValueSerializer<java.math.BigDecimal>() {
				@Override
				public void serialize(java.math.BigDecimal value, tools.jackson.core.JsonGenerator gen,
						tools.jackson.databind.SerializationContext context) {
					gen.writeString(value.toPlainString());
				}
			}));
	}

	@Bean
	LocaleResolver localeResolver() {
		CookieLocaleResolver resolver = new CookieLocaleResolver("PARTY_LANG");
		resolver.setDefaultLocale(Locale.SIMPLIFIED_CHINESE);
		resolver.setCookieMaxAge(Duration.ofDays(365));
		return resolver;
	}

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		LocaleChangeInterceptor change = new LocaleChangeInterceptor();
		change.setParamName("lang");
		change.setIgnoreInvalidLocale(true);
		registry.addInterceptor(change);
	}
}
