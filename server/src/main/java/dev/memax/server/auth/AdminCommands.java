package dev.memax.server.auth;

import dev.memax.server.identity.Scope;
import dev.memax.server.platform.ApiException;
import dev.memax.server.platform.CommaList;
import io.micronaut.context.ApplicationContext;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Operator commands run from the server jar instead of starting the server:
 * <pre>
 *   java -jar memax-server.jar create-key --email E --name N [--scopes read,write] [--admin]
 *   java -jar memax-server.jar rotate-signing-key
 *   java -jar memax-server.jar reembed --hub ID|SLUG | --all [--batch 64]
 * </pre>
 * They start the application context without the HTTP server or background jobs, use the same
 * configuration (DATABASE_URL, MEMAX_SECRET_KEY, …), print only the result on stdout, and exit
 * 0, or 2 with a message on stderr.
 */
public final class AdminCommands {
    public static final int OK = 0;
    public static final int FAILED = 2;
    private static final List<String> COMMANDS = List.of("create-key", "rotate-signing-key", "reembed", "help");
    private static final String USAGE = """
            Usage:
              memax-server create-key --email EMAIL --name NAME [--scopes read,write] [--admin]
                  Creates the user (with its personal hub) if missing, then an API key for it,
                  and prints only the key. --admin makes the user an administrator.
              memax-server rotate-signing-key
                  Adds a new access-token signing key and prints its kid; older keys keep
                  verifying until the hourly job retires them.
              memax-server reembed (--hub ID|SLUG | --all) [--batch 64]
                  After a model change (MEMAX_EMBEDDING_PROVIDER/MODEL): re-embeds every chunk not
                  on the active model, in committed batches, printing progress; re-running resumes.
            Configuration comes from the same environment variables as the server (DATABASE_URL, MEMAX_SECRET_KEY, ...).""";

    private AdminCommands() {}

    /** Whether {@code args} name a command (else they are server arguments). */
    public static boolean handles(String[] args) {
        return args.length > 0 && COMMANDS.contains(args[0]);
    }

    /**
     * Runs a command.
     *
     * @param properties configuration overriding the environment (tests point it at their database)
     * @return the process exit code
     */
    public static int run(String[] args, Map<String, Object> properties, PrintStream out, PrintStream err) {
        if (!handles(args)) {
            err.println("memax: unknown command" + (args.length > 0 ? " '" + args[0] + "'" : ""));
            err.println(USAGE);
            return FAILED;
        }
        String command = args[0];
        Map<String, String> options;
        try {
            options = parseOptions(
                    Arrays.copyOfRange(args, 1, args.length),
                    switch (command) {
                        case "create-key" -> Set.of("email", "name", "scopes");
                        case "reembed" -> Set.of("hub", "batch");
                        default -> Set.of();
                    },
                    switch (command) {
                        case "create-key" -> Set.of("admin", "help");
                        case "reembed" -> Set.of("all", "help");
                        default -> Set.of("help");
                    });
        } catch (IllegalArgumentException e) {
            err.println("memax " + command + ": " + e.getMessage());
            err.println(USAGE);
            return FAILED;
        }
        if (command.equals("help") || options.containsKey("help")) {
            out.println(USAGE);
            return OK;
        }
        if (command.equals("create-key")) {
            for (String required : List.of("email", "name")) {
                if (options.get(required) == null || options.get(required).isBlank()) {
                    err.println("memax create-key: --" + required + " is required");
                    err.println(USAGE);
                    return FAILED;
                }
            }
        }
        if (command.equals("reembed") && (options.containsKey("hub") == options.containsKey("all"))) {
            err.println("memax reembed: give either --hub ID|SLUG or --all");
            err.println(USAGE);
            return FAILED;
        }
        try (ApplicationContext context = start(properties)) {
            String result = switch (command) {
                case "create-key" -> createKey(context, options);
                case "rotate-signing-key" -> context.getBean(SigningKeys.class).rotate();
                case "reembed" ->
                    dev.memax.server.embedding.ReembedCommand.run(
                            context, options.get("hub"), options.get("batch"), out);
                default -> throw new IllegalStateException(command);
            };
            out.println(result);
            out.flush();
            return OK;
        } catch (ApiException e) {
            err.println("memax " + command + ": " + describe(e));
            return FAILED;
        } catch (RuntimeException e) {
            err.println("memax " + command + ": " + rootMessage(e));
            return FAILED;
        }
    }

    private static String createKey(ApplicationContext context, Map<String, String> options) {
        String scopes = options.get("scopes");
        Set<Scope> parsed = Scope.parseAll(scopes == null ? null : CommaList.items(scopes));
        AdminAccounts.Minted minted = context.getBean(AdminAccounts.class)
                .mintKey(options.get("email"), options.get("name"), parsed, options.containsKey("admin"));
        return minted.key().plaintext();
    }

    private static ApplicationContext start(Map<String, Object> properties) {
        Map<String, Object> config = new HashMap<>(properties);
        // A one-shot command: no job runner, no first-start admin (an operator is acting), no server.
        config.put("memax.jobs.enabled", false);
        config.put("memax.auth.bootstrap-admin", false);
        return ApplicationContext.builder().properties(config).banner(false).start();
    }

    /** {@code --name value} and {@code --name=value}; flags take no value. */
    static Map<String, String> parseOptions(String[] args, Set<String> valued, Set<String> flags) {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--") || arg.length() == 2) {
                throw new IllegalArgumentException("unexpected argument '" + arg + "'");
            }
            String name = arg.substring(2);
            String value = null;
            int eq = name.indexOf('=');
            if (eq >= 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            }
            if (flags.contains(name)) {
                if (value != null) {
                    throw new IllegalArgumentException("--" + name + " takes no value");
                }
                options.put(name, "true");
            } else if (valued.contains(name)) {
                if (value == null) {
                    if (i + 1 >= args.length || args[i + 1].startsWith("--")) {
                        throw new IllegalArgumentException("--" + name + " needs a value");
                    }
                    value = args[++i];
                }
                options.put(name, value);
            } else {
                throw new IllegalArgumentException("unknown option --" + name);
            }
        }
        return options;
    }

    private static String describe(ApiException e) {
        Object fields = e.details().get("fields");
        if (fields instanceof Map<?, ?> map && !map.isEmpty()) {
            StringBuilder text = new StringBuilder();
            map.forEach((field, reason) -> text.append(text.isEmpty() ? "" : "; ")
                    .append(field)
                    .append(": ")
                    .append(reason));
            return text.toString();
        }
        return e.getMessage();
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return root == e ? message : e.getClass().getSimpleName() + ": " + message;
    }

    /**
     * Sends log lines to stderr, so stdout carries only the command's result (a key can then be
     * captured with {@code $(java -jar memax-server.jar create-key …)}).
     */
    public static void logToStderr() {
        if (!(org.slf4j.LoggerFactory.getILoggerFactory() instanceof ch.qos.logback.classic.LoggerContext logback)) {
            return;
        }
        for (ch.qos.logback.classic.Logger logger : logback.getLoggerList()) {
            logger.iteratorForAppenders().forEachRemaining(appender -> {
                if (appender instanceof ch.qos.logback.core.ConsoleAppender<?> console) {
                    console.stop();
                    console.setTarget("System.err");
                    console.start();
                }
            });
        }
    }
}
