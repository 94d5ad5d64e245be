package cn.partybuilding.web;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.Locale;

import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.format.FormatterRegistry;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;
import org.springframework.web.servlet.i18n.LocaleChangeInterceptor;
import io.swagger.v3.oas.models.media.StringSchema;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueSerializer;
import tools.jackson.databind.module.SimpleModule;

import cn.partybuilding.shared.PlatformZone;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/** Chinese first: the interface is zh-CN unless the person switches to English (?lang=en, kept in a cookie). */
@Configuration
class WebConfiguration implements WebMvcConfigurer {

	private final UploadLimits uploadLimits;

	WebConfiguration(UploadLimits uploadLimits) {
		this.uploadLimits = uploadLimits;
	}

	static {
		// a month travels as "2026-03": described so in /v3/api-docs, not as free text without a length
		SpringDocUtils.getConfig().replaceWithSchema(YearMonth.class,
				new StringSchema().format("year-month").pattern("^\\d{4}-\\d{2}$").example("2026-03"));
	}

	@Bean
	Clock clock() {
		return Clock.system(PlatformZone.ZONE);
	}

	/** Money and rates go out as exact decimal strings ("45.00", "0.015"): no client reads them as floats. */
	@Bean
	JsonMapperBuilderCustomizer decimalsAsStrings() {
		return builder -> builder.addModule(new SimpleModule("decimals-as-strings")
			.addSerializer(BigDecimal.class, new ValueSerializer<BigDecimal>() {
				@Override
				public void serialize(BigDecimal value, JsonGenerator gen,
						SerializationContext context) {
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

	/** Dates, months and times as forms and query strings give them, for every module (see {@link FormFormatters}). */
	@Override
	public void addFormatters(FormatterRegistry registry) {
		FormFormatters.registerWith(registry);
	}

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		LocaleChangeInterceptor change = new LocaleChangeInterceptor();
		change.setParamName("lang");
		change.setIgnoreInvalidLocale(true);
		// only a GET switches the language: asking a POST for "lang" would make the container read an upload
		// before the handler could answer a too-large one in the API's shape
		registry.addInterceptor(uploadLimits);
		registry.addInterceptor(new HandlerInterceptor() {
			@Override
			public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
					throws ServletException {
				return !"GET".equals(request.getMethod()) || change.preHandle(request, response, handler);
			}
		});
	}
}
