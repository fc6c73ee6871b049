#!/usr/bin/env node
// A test-only MCP server over stdio with the fixtures the MCP conformance suite's server
// scenarios use: tools (test_simple_text, test_tool_with_progress, ...), resources
// (test://static-text, the template test://template/{id}/data, test://watched-resource to
// subscribe to), prompts (test_simple_prompt, ...) and a completion, for the gateway to front
// as an mcp target: the suite then checks the gateway, not this server.
//
//   node conformance-fixture.mjs

import { McpServer, ResourceTemplate } from "@modelcontextprotocol/sdk/server/mcp.js";
import { completable } from "@modelcontextprotocol/sdk/server/completable.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { ElicitResultSchema, CreateMessageResultSchema, SubscribeRequestSchema, UnsubscribeRequestSchema }
  from "@modelcontextprotocol/sdk/types.js";
import { z } from "zod";

// A 1x1 PNG and a WAV header with two samples.
const PNG = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==";
const WAV = "UklGRiYAAABXQVZFZm10IBAAAAABAAEAQB8AAAB9AAACABAAZGF0YQIAAAA=";

const server = new McpServer({ name: "gateway-conformance-fixture", version: "1.0.0" },
  { capabilities: { tools: {}, logging: {}, resources: { subscribe: true, listChanged: true },
    prompts: { listChanged: true }, completions: {} } });
const pause = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const text = (value) => ({ content: [{ type: "text", text: value }] });

server.registerTool("test_simple_text", { description: "Answers one text content" },
  async () => text("This is a simple text response for testing."));

server.registerTool("test_image_content", { description: "Answers one image content" },
  async () => ({ content: [{ type: "image", data: PNG, mimeType: "image/png" }] }));

server.registerTool("test_audio_content", { description: "Answers one audio content" },
  async () => ({ content: [{ type: "audio", data: WAV, mimeType: "audio/wav" }] }));

server.registerTool("test_embedded_resource", { description: "Answers one embedded resource" },
  async () => ({ content: [{ type: "resource",
    resource: { uri: "test://embedded-resource", mimeType: "text/plain", text: "This is an embedded resource content." } }] }));

server.registerTool("test_multiple_content_types", { description: "Answers text, an image and a resource" },
  async () => ({ content: [
    { type: "text", text: "Multiple content types test:" },
    { type: "image", data: PNG, mimeType: "image/png" },
    { type: "resource", resource: { uri: "test://mixed-content-resource", mimeType: "application/json",
      text: JSON.stringify({ test: "data", value: 123 }) } },
  ] }));

server.registerTool("test_tool_with_logging", { description: "Logs three messages while it runs", inputSchema: {} },
  async (_args, { sendNotification }) => {
    for (const data of ["Tool execution started", "Tool processing data", "Tool execution completed"]) {
      await sendNotification({ method: "notifications/message", params: { level: "info", data } });
      await pause(50);
    }
    return text("Tool with logging executed successfully");
  });

server.registerTool("test_tool_with_progress", { description: "Reports progress 0, 50 and 100 of 100", inputSchema: {} },
  async (_args, { sendNotification, _meta }) => {
    const progressToken = _meta?.progressToken ?? 0;
    for (const progress of [0, 50, 100]) {
      await sendNotification({ method: "notifications/progress",
        params: { progressToken, progress, total: 100, message: `Completed step ${progress} of 100` } });
      await pause(50);
    }
    return text(String(progressToken));
  });

server.registerTool("test_error_handling", { description: "Always fails" }, async () => {
  throw new Error("This tool intentionally returns an error for testing");
});

server.registerTool("test_sampling", { description: "Asks the client for an LLM completion",
  inputSchema: { prompt: z.string() } }, async ({ prompt }) => {
  try {
    const result = await server.server.request({ method: "sampling/createMessage", params: {
      messages: [{ role: "user", content: { type: "text", text: prompt } }], maxTokens: 100 } },
    CreateMessageResultSchema);
    return text(`LLM response: ${result.content?.text ?? "No response"}`);
  } catch (error) {
    return text(`Sampling not supported or error: ${error.message}`);
  }
});

async function elicit(params) {
  try {
    const result = await server.server.request({ method: "elicitation/create", params }, ElicitResultSchema);
    return text(`User response: action=${result.action}, content=${JSON.stringify(result.content ?? {})}`);
  } catch (error) {
    return text(`Elicitation not supported or error: ${error.message}`);
  }
}

server.registerTool("test_elicitation", { description: "Asks the user for input",
  inputSchema: { message: z.string() } }, async ({ message }) => elicit({ mode: "form", message,
  requestedSchema: { type: "object", properties: { response: { type: "string" } }, required: ["response"] } }));

server.registerTool("test_elicitation_sep1034_defaults", { description: "Asks with defaults", inputSchema: {} },
  async () => elicit({ mode: "form", message: "Please review and update the form fields with defaults",
    requestedSchema: { type: "object", properties: {
      name: { type: "string", default: "John Doe" },
      age: { type: "integer", default: 30 },
      score: { type: "number", default: 95.5 },
      status: { type: "string", enum: ["active", "inactive", "pending"], default: "active" },
      verified: { type: "boolean", default: true },
    } } }));

server.registerTool("test_elicitation_sep1330_enums", { description: "Asks with enum forms", inputSchema: {} },
  async () => elicit({ mode: "form", message: "Please select options from the enum fields",
    requestedSchema: { type: "object", properties: {
      untitledSingle: { type: "string", enum: ["option1", "option2", "option3"] },
      titledSingle: { type: "string", oneOf: [{ const: "value1", title: "First Option" },
        { const: "value2", title: "Second Option" }, { const: "value3", title: "Third Option" }] },
      legacyEnum: { type: "string", enum: ["opt1", "opt2", "opt3"], enumNames: ["Option One", "Option Two", "Option Three"] },
      untitledMulti: { type: "array", items: { type: "string", enum: ["option1", "option2", "option3"] } },
      titledMulti: { type: "array", items: { anyOf: [{ const: "value1", title: "First Choice" },
        { const: "value2", title: "Second Choice" }, { const: "value3", title: "Third Choice" }] } },
    } } }));

// A raw JSON Schema 2020-12 input schema ($schema, $defs, additionalProperties) that a
// gateway must pass on unchanged.
const JSON_SCHEMA_2020_12 = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  type: "object",
  $defs: { address: { type: "object", properties: { street: { type: "string" }, city: { type: "string" } } } },
  properties: { name: { type: "string" }, address: { $ref: "#/$defs/address" } },
  additionalProperties: false,
};
server.registerTool("json_schema_2020_12_tool", { description: "Has a JSON Schema 2020-12 input schema",
  inputSchema: { name: z.string().optional(), address: z.object({ street: z.string().optional(), city: z.string().optional() }).optional() } },
  async (args) => text(`Received: ${JSON.stringify(args)}`));

// Lists json_schema_2020_12_tool with its raw schema rather than the one zod derives.
const listTools = server.server._requestHandlers.get("tools/list");
server.server._requestHandlers.set("tools/list", async (request, extra) => {
  const result = await listTools(request, extra);
  for (const tool of result.tools) {
    if (tool.name === "json_schema_2020_12_tool") {
      tool.inputSchema = JSON_SCHEMA_2020_12;
    }
  }
  return result;
});

// ---- resources ----

server.registerResource("static-text", "test://static-text", { mimeType: "text/plain", description: "A static text resource" },
  async (uri) => ({ contents: [{ uri: uri.href, mimeType: "text/plain", text: "This is the content of the static text resource." }] }));

server.registerResource("static-binary", "test://static-binary", { mimeType: "image/png", description: "A static PNG" },
  async (uri) => ({ contents: [{ uri: uri.href, mimeType: "image/png", blob: PNG }] }));

server.registerResource("watched-resource", "test://watched-resource", { mimeType: "text/plain", description: "A resource to subscribe to" },
  async (uri) => ({ contents: [{ uri: uri.href, mimeType: "text/plain", text: "Watched resource content." }] }));

server.registerResource("template-data", new ResourceTemplate("test://template/{id}/data", { list: undefined }),
  { mimeType: "application/json", description: "Data for an id" },
  async (uri, { id }) => ({ contents: [{ uri: uri.href, mimeType: "application/json",
    text: JSON.stringify({ id, templateTest: true, data: `Data for ID: ${id}` }) }] }));

// Subscriptions are acknowledged and tracked; the gateway relays them.
const subscribed = new Set();
server.server.setRequestHandler(SubscribeRequestSchema, async (request) => {
  subscribed.add(request.params.uri);
  return {};
});
server.server.setRequestHandler(UnsubscribeRequestSchema, async (request) => {
  subscribed.delete(request.params.uri);
  return {};
});

// ---- prompts ----

server.registerPrompt("test_simple_prompt", { description: "A simple prompt without arguments" },
  () => ({ messages: [{ role: "user", content: { type: "text", text: "This is a simple prompt for testing." } }] }));

const CITIES = ["paris", "park", "party"];
server.registerPrompt("test_prompt_with_arguments", { description: "A prompt with two arguments",
  argsSchema: { arg1: completable(z.string().describe("First test argument"), (value) => CITIES.filter((c) => c.startsWith(value))),
    arg2: z.string().describe("Second test argument") } },
  ({ arg1, arg2 }) => ({ messages: [{ role: "user", content: { type: "text",
    text: `Prompt with arguments: arg1='${arg1}', arg2='${arg2}'` } }] }));

server.registerPrompt("test_prompt_with_embedded_resource", { description: "A prompt that embeds a resource",
  argsSchema: { resourceUri: z.string().describe("URI of the resource to embed") } },
  ({ resourceUri }) => ({ messages: [
    { role: "user", content: { type: "resource", resource: { uri: resourceUri, mimeType: "text/plain",
      text: "Embedded resource content for testing." } } },
    { role: "user", content: { type: "text", text: "Please process the embedded resource above." } },
  ] }));

server.registerPrompt("test_prompt_with_image", { description: "A prompt with an image" },
  () => ({ messages: [
    { role: "user", content: { type: "image", data: PNG, mimeType: "image/png" } },
    { role: "user", content: { type: "text", text: "Please analyze the image above." } },
  ] }));

await server.connect(new StdioServerTransport());
