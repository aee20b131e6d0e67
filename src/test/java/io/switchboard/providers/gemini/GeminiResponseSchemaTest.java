package io.switchboard.providers.gemini;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.switchboard.errors.GatewayException;

class GeminiResponseSchemaTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static GeminiResponseSchema.Converted convert(String schema) throws Exception {
        return GeminiResponseSchema.convert((ObjectNode) JSON.readTree(schema));
    }

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text);
    }

    @Test
    void should_inline_local_refs_and_leave_the_defs_out() throws Exception {
        GeminiResponseSchema.Converted converted = convert("{\"type\":\"object\",\"properties\":{\"home\":"
                + "{\"$ref\":\"#/$defs/address\",\"description\":\"Where they live\"},\"work\":{\"$ref\":"
                + "\"#/definitions/address\"}},\"$defs\":{\"address\":{\"type\":\"object\",\"properties\":{\"city\":"
                + "{\"type\":\"string\"}},\"required\":[\"city\"]}},\"definitions\":{\"address\":{\"type\":\"string\"}}}");
        assertThat(converted.schema()).isEqualTo(json("{\"type\":\"object\",\"properties\":{\"home\":{\"type\":"
                + "\"object\",\"properties\":{\"city\":{\"type\":\"string\"}},\"required\":[\"city\"],\"description\":"
                + "\"Where they live\"},\"work\":{\"type\":\"string\"}}}"));
        assertThat(converted.dropped()).isEmpty();
    }

    @Test
    void should_refuse_a_recursive_ref_naming_it() {
        assertThatThrownBy(() -> convert("{\"type\":\"object\",\"properties\":{\"child\":{\"$ref\":\"#\"}}}"))
                .isInstanceOf(GatewayException.class)
                .hasMessageStartingWith("response_format.json_schema.schema.properties.child.$ref: recursive");
        assertThatThrownBy(() -> convert("{\"$ref\":\"#/$defs/node\",\"$defs\":{\"node\":{\"type\":\"object\","
                + "\"properties\":{\"next\":{\"$ref\":\"#/$defs/node\"}}}}}"))
                .hasMessageContaining("properties.next.$ref: recursive reference \"#/$defs/node\"");
    }

    @Test
    void should_refuse_a_remote_ref() {
        assertThatThrownBy(() -> convert("{\"$ref\":\"https://example.com/schema.json\"}"))
                .hasMessageStartingWith("response_format.json_schema.schema.$ref: only local references");
    }

    @Test
    void should_keep_any_of_and_convert_each_branch() throws Exception {
        GeminiResponseSchema.Converted converted = convert("{\"anyOf\":[{\"type\":\"string\",\"maxLength\":3},"
                + "{\"type\":\"integer\",\"minimum\":0},{\"type\":\"null\"}]}");
        assertThat(converted.schema()).isEqualTo(json("{\"anyOf\":[{\"type\":\"string\"},{\"type\":\"integer\","
                + "\"minimum\":0},{\"type\":\"null\"}]}"));
        assertThat(converted.dropped()).containsExactly("maxLength");
    }

    @Test
    void should_keep_additional_properties_as_a_flag_or_a_schema() throws Exception {
        assertThat(convert("{\"type\":\"object\",\"additionalProperties\":false}").schema())
                .isEqualTo(json("{\"type\":\"object\",\"additionalProperties\":false}"));
        assertThat(convert("{\"type\":\"object\",\"additionalProperties\":{\"type\":\"number\",\"default\":1}}")
                .schema()).isEqualTo(json("{\"type\":\"object\",\"additionalProperties\":{\"type\":\"number\"}}"));
    }

    @Test
    void should_keep_string_and_number_enums_and_split_a_nullable_enum_into_any_of() throws Exception {
        assertThat(convert("{\"type\":\"string\",\"enum\":[\"a\",\"b\"]}").schema())
                .isEqualTo(json("{\"type\":\"string\",\"enum\":[\"a\",\"b\"]}"));
        assertThat(convert("{\"type\":[\"string\",\"null\"],\"enum\":[\"a\",null],\"description\":\"d\"}").schema())
                .isEqualTo(json("{\"description\":\"d\",\"anyOf\":[{\"type\":\"string\",\"enum\":[\"a\"]},"
                        + "{\"type\":\"null\"}]}"));
        assertThat(convert("{\"const\":\"fixed\"}").schema()).isEqualTo(json("{\"enum\":[\"fixed\"]}"));
        assertThatThrownBy(() -> convert("{\"enum\":[true,false]}"))
                .hasMessageStartingWith("response_format.json_schema.schema.enum: Gemini takes enums of strings");
    }

    @Test
    void should_convert_nested_arrays() throws Exception {
        GeminiResponseSchema.Converted converted = convert("{\"type\":\"array\",\"items\":{\"type\":\"array\","
                + "\"uniqueItems\":true,\"items\":{\"$ref\":\"#/$defs/cell\"},\"minItems\":1},\"$defs\":{\"cell\":"
                + "{\"type\":\"number\",\"examples\":[1]}}}");
        assertThat(converted.schema()).isEqualTo(json("{\"type\":\"array\",\"items\":{\"type\":\"array\",\"items\":"
                + "{\"type\":\"number\"},\"minItems\":1}}"));
        assertThat(converted.dropped()).containsExactly("examples", "uniqueItems");
    }

    @Test
    void should_refuse_a_keyword_whose_removal_changes_the_shape() {
        for (String keyword : new String[] { "allOf", "not", "if", "patternProperties", "dependentSchemas" }) {
            assertThatThrownBy(() -> convert("{\"type\":\"object\",\"" + keyword + "\":{}}"))
                    .as(keyword).hasMessageStartingWith("response_format.json_schema.schema." + keyword + ":");
        }
    }
}
