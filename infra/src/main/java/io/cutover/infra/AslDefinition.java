package io.cutover.infra;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * One {@code statemachines/<name>.asl.json} file: the definition both the local engine and AWS
 * run. The file is deployed as it is (inline, so CloudFormation's DefinitionSubstitutions fill
 * the placeholders); the only placeholders allowed are {@code ${<Step>FunctionArn}}, one per
 * Lambda step, which become the ARN of that step's SnapStart alias.
 *
 * @param name         file name without {@code .asl.json}, e.g. {@code promote-replica}
 * @param content      the file's text, byte for byte
 * @param placeholders substitution keys in order of first use, e.g. {@code ValidateInputFunctionArn}
 */
public record AslDefinition(String name, Path file, String content, List<String> placeholders) {

    public static final String SUFFIX = ".asl.json";
    /** Any CloudFormation-style substitution placeholder. */
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}]*)}");
    /** The only kind this project uses: the function of one step. */
    private static final Pattern FUNCTION_ARN = Pattern.compile("([A-Z][A-Za-z0-9]*)FunctionArn");

    public AslDefinition {
        placeholders = List.copyOf(placeholders);
    }

    /** Every {@code *.asl.json} in the directory, sorted by name; at least one. */
    public static List<AslDefinition> discover(Path dir) {
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.getFileName().toString().endsWith(SUFFIX)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list state machine definitions in " + dir, e);
        }
        if (files.isEmpty()) throw new IllegalStateException("No *" + SUFFIX + " files in " + dir);
        return files.stream().map(AslDefinition::read).toList();
    }

    public static AslDefinition read(Path file) {
        String content;
        try {
            content = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
        try {
            // Placeholders sit inside JSON strings only, so the raw file must be valid JSON.
            new ObjectMapper().readTree(content);
        } catch (IOException e) {
            throw new IllegalStateException(file + " is not valid JSON: " + e.getMessage(), e);
        }
        String fileName = file.getFileName().toString();
        String name = fileName.substring(0, fileName.length() - SUFFIX.length());
        Set<String> found = new LinkedHashSet<>();
        Matcher m = PLACEHOLDER.matcher(content);
        while (m.find()) {
            String key = m.group(1);
            if (!FUNCTION_ARN.matcher(key).matches()) {
                throw new IllegalStateException(file + ": placeholder ${" + key + "} is not of the form "
                        + "${<Step>FunctionArn}; only step function ARNs are substituted at deploy time");
            }
            found.add(key);
        }
        return new AslDefinition(name, file, content, new ArrayList<>(found));
    }

    /** {@code ValidateInputFunctionArn} -> {@code ValidateInput}. */
    public static String stepOf(String placeholder) {
        Matcher m = FUNCTION_ARN.matcher(placeholder);
        if (!m.matches()) throw new IllegalArgumentException("Not a function placeholder: " + placeholder);
        return m.group(1);
    }

    public static String placeholderOf(String step) {
        return step + "FunctionArn";
    }

    /** The steps this machine calls, in order of first use. */
    public List<String> steps() {
        return placeholders.stream().map(AslDefinition::stepOf).toList();
    }

    /** {@code promote-replica} -> {@code PromoteReplica}: construct ids and output names. */
    public String pascalName() {
        StringBuilder b = new StringBuilder();
        for (String part : name.split("[^A-Za-z0-9]+")) {
            if (part.isEmpty()) continue;
            b.append(part.substring(0, 1).toUpperCase(Locale.ROOT)).append(part.substring(1));
        }
        return b.toString();
    }
}
