package cn.partybuilding;

import java.util.Optional;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

import cn.partybuilding.platform.BackupCommand;

/** 高校智慧党建平台: one modular monolith, one package per business capability. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class PartyBuildingApplication {

	/** Starts the platform, or runs {@code backup --to DIR} / {@code restore --from DIR} instead (see {@link BackupCommand}). */
	public static void main(String[] args) {
		Optional<BackupCommand> command = BackupCommand.parse(args);
		if (command.isPresent()) {
			System.exit(command.get().run());
		}
		SpringApplication.run(PartyBuildingApplication.class, args);
	}
}
