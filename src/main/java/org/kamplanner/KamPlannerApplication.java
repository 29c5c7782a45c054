package org.kamplanner;

import org.kamplanner.cli.KamPlannerCli;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class KamPlannerApplication {

    public static void main(String[] args) {
        // One jar: "solve", "analyze" and "generate" are the command line, anything else the service.
        if (KamPlannerCli.handles(args)) {
            System.exit(KamPlannerCli.run(args));
        }
        SpringApplication.run(KamPlannerApplication.class, args);
    }
}
