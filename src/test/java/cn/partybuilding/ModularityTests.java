package cn.partybuilding;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

import cn.partybuilding.shared.Facade;

class ModularityTests {

	ApplicationModules modules = ApplicationModules.of(PartyBuildingApplication.class);

	@Test
	void modulesRespectTheirBoundaries() {
		modules.verify();
	}

	/**
	 * DESIGN.md's module rule. A module's root package is its API, so whatever is public there is open to
	 * every other module: it holds the façade (marked {@link Facade}, saying what it is for), the events and
	 * the value types they need (records, enums), the SPIs other modules implement (interfaces) and the
	 * problems it reports (exceptions). Everything else — services, controllers, repositories, jobs,
	 * entities — is package-private. {@code shared}, the kernel, may also hold a few static helpers.
	 */
	@Test
	void aModulesOnlyPublicTypesAreItsFacadeItsEventsAndTheirValueTypes() {
		String base = PartyBuildingApplication.class.getPackageName();
		List<String> violations = new ArrayList<>();
		for (JavaClass type : new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
			.importPackages(base)) {
			if (!reachable(type) || type.getPackageName().equals(base)) {
				continue;
			}
			String rest = type.getPackageName().substring(base.length() + 1);
			String module = rest.contains(".") ? rest.substring(0, rest.indexOf('.')) : rest;
			String why = null;
			if (!rest.equals(module)) {
				why = "public outside its module's root package";
			}
			else if (type.isNestedClass()) {
				JavaClass outer = type.getEnclosingClass().orElseThrow();
				if (!(outer.isRecord() || outer.isEnum() || outer.isInterface() || outer.isAssignableTo(Throwable.class))) {
					why = "a public type nested in " + outer.getSimpleName() + ": make it a top-level value or event";
				}
			}
			else if (!(type.isAnnotatedWith(Facade.class) || type.isRecord() || type.isEnum() || type.isInterface()
					|| type.isAnnotation() || type.isAssignableTo(Throwable.class)
					|| module.equals("shared") && staticHelper(type))) {
				why = "public but neither a façade (@Facade), an event or value (record, enum), an SPI (interface) nor a problem (exception)";
			}
			if (why != null) {
				violations.add(type.getName() + ": " + why);
			}
		}
		assertThat(violations).as("public types that are not a module's API").isEmpty();
	}

	/** Public, and so are the types it is nested in: other modules can name it. */
	private static boolean reachable(JavaClass type) {
		if (type.isAnonymousClass() || type.isLocalClass() || !type.getModifiers().contains(JavaModifier.PUBLIC)) {
			return false;
		}
		return type.getEnclosingClass().map(ModularityTests::reachable).orElse(true);
	}

	private static boolean staticHelper(JavaClass type) {
		return type.getModifiers().contains(JavaModifier.FINAL)
				&& type.getConstructors().stream().allMatch(c -> c.getModifiers().contains(JavaModifier.PRIVATE));
	}

	@Test
	void writesModuleDocumentation() {
		new Documenter(modules).writeDocumentation();
	}
}
