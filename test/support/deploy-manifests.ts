import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import * as ts from 'typescript';
import { parse, parseAllDocuments } from 'yaml';

/** Static checks of the deployment material: docker-compose.yml and deploy/. */
export const REPO_ROOT = path.resolve(__dirname, '..', '..');
export const KUBERNETES_DIR = path.join(REPO_ROOT, 'deploy', 'kubernetes');
export const PROMETHEUS_RULES_DIR = path.join(REPO_ROOT, 'deploy', 'prometheus', 'rules');
const COMPOSE_SCHEMA = path.join(REPO_ROOT, 'deploy', 'schemas', 'compose-spec.json');

export function repoPath(relative: string): string {
  return path.resolve(REPO_ROOT, relative);
}

/** One YAML file of the repository, as Compose and Kubernetes read it (merge keys resolved). */
export function readYamlFile(relative: string): unknown {
  return parse(readFileSync(repoPath(relative), 'utf8'), { merge: true });
}

export interface ComposeService {
  image?: string;
  build?: unknown;
  command?: string | string[];
  environment?: Record<string, string | number | boolean | null> | string[];
  depends_on?: string[] | Record<string, { condition: string }>;
  deploy?: { replicas?: number | string };
  healthcheck?: { test?: string | string[]; disable?: boolean | string };
  ports?: (string | number | { target: number | string; published?: number | string })[];
  expose?: (string | number)[];
  profiles?: string[];
  restart?: string;
  volumes?: (string | { type: string; source?: string; target: string })[];
  [key: string]: unknown;
}

export interface ComposeFile {
  services: Record<string, ComposeService>;
  volumes?: Record<string, unknown>;
  [key: string]: unknown;
}

export function loadComposeFile(): ComposeFile {
  return readYamlFile('docker-compose.yml') as ComposeFile;
}

/**
 * Violations of the Compose Specification's JSON schema (deploy/schemas/compose-spec.json,
 * vendored from compose-spec/compose-spec), an empty list when there are none. The schema is
 * draft-07; its `$schema` names the meta-schema by an https URL that Ajv does not know under
 * that name, so it is left out, and Ajv's strict type checks are off because the schema uses
 * type unions throughout (strict mode otherwise stays on: unknown keywords are errors).
 */
export function composeSchemaErrors(compose: unknown): string[] {
  const schema = JSON.parse(readFileSync(COMPOSE_SCHEMA, 'utf8')) as Record<string, unknown>;
  delete schema.$schema;
  const ajv = new Ajv({ allErrors: true, strict: true, strictTypes: false });
  addFormats(ajv);
  const validate = ajv.compile(schema);
  if (validate(compose)) return [];
  return (validate.errors ?? []).map(
    (error) =>
      `${error.instancePath || '/'} ${error.message ?? ''} ${JSON.stringify(error.params)}`,
  );
}

/** The environment of a Compose service as a map (list entries are KEY=VALUE). */
export function serviceEnvironment(service: ComposeService): Record<string, string> {
  const env = service.environment ?? {};
  if (Array.isArray(env)) {
    return Object.fromEntries(
      env.map((entry) => {
        const at = entry.indexOf('=');
        return at < 0 ? [entry, ''] : [entry.slice(0, at), entry.slice(at + 1)];
      }),
    );
  }
  return Object.fromEntries(Object.entries(env).map(([key, value]) => [key, String(value)]));
}

/** The host ports a Compose service publishes, as numbers (interpolation defaults resolved). */
export function publishedPorts(service: ComposeService): { host: number; container: number }[] {
  return (service.ports ?? []).flatMap((port) => {
    if (typeof port === 'object') {
      return port.published === undefined
        ? []
        : [{ host: Number(port.published), container: Number(port.target) }];
    }
    const parts = String(port).split(':');
    if (parts.length < 2) return [];
    const container = parts[parts.length - 1] as string;
    const host = parts[parts.length - 2] as string;
    return [{ host: Number(host), container: Number(container.split('/')[0]) }];
  });
}

export interface KubernetesObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string> };
  [key: string]: unknown;
}

export interface ManifestDocument {
  /** Path relative to deploy/kubernetes. */
  file: string;
  object: KubernetesObject;
}

/** The YAML files of deploy/kubernetes other than kustomization.yaml, sorted. */
export function kubernetesManifestFiles(): string[] {
  return readdirSync(KUBERNETES_DIR)
    .filter((file) => /\.ya?ml$/.test(file) && !/^kustomization\.ya?ml$/.test(file))
    .sort();
}

/** Every object of every manifest file (multi-document files give several). */
export function loadKubernetesManifests(): ManifestDocument[] {
  return kubernetesManifestFiles().flatMap((file) => {
    const documents = parseAllDocuments(readFileSync(path.join(KUBERNETES_DIR, file), 'utf8'));
    return documents.flatMap((document) => {
      if (document.errors.length > 0) {
        throw new Error(`${file}: ${document.errors.map((e) => e.message).join('; ')}`);
      }
      const object = document.toJS() as KubernetesObject | null;
      return object === null ? [] : [{ file, object }];
    });
  });
}

export interface Kustomization {
  namespace?: string;
  resources?: string[];
  images?: { name: string; newName?: string; newTag?: string }[];
  [key: string]: unknown;
}

export function loadKustomization(): Kustomization {
  return readYamlFile('deploy/kubernetes/kustomization.yaml') as Kustomization;
}

export interface ModelValidation {
  /** The model class used, `<module>#<kind>`, or null when none exists for the object. */
  model: string | null;
  errors: string[];
}

/**
 * Validates each object with its kubernetes-models / @kubernetes-models/prometheus-operator
 * model, chosen by apiVersion and kind. Those packages are ES modules only, which Jest's module
 * runtime cannot load: deploy-validate-models.mjs runs them in a child Node process.
 */
export function validateWithKubernetesModels(objects: KubernetesObject[]): ModelValidation[] {
  const output = execFileSync(
    process.execPath,
    [path.join(__dirname, 'deploy-validate-models.mjs')],
    { cwd: REPO_ROOT, input: JSON.stringify(objects), encoding: 'utf8', timeout: 60_000 },
  );
  return JSON.parse(output) as ModelValidation[];
}

/** The module of the models of an apiVersion (as in deploy-validate-models.mjs). */
function modelModule(apiVersion: string): string {
  const [group, version] = apiVersion.includes('/') ? apiVersion.split('/') : ['', apiVersion];
  if (group === 'monitoring.coreos.com') {
    return `@kubernetes-models/prometheus-operator/${group}/${version}`;
  }
  return group === '' ? `kubernetes-models/${version}` : `kubernetes-models/${group}/${version}`;
}

/**
 * Fields that the models' TypeScript interfaces do not declare. The OpenAPI schemas behind
 * `validate()` allow unknown fields (the API server prunes or rejects them), so a misspelt
 * field such as `readinesProbe` passes them silently. Each object is type-checked as an object
 * literal of its model's interface (`I<Kind>`), where TypeScript reports excess properties at
 * any depth. Returns one line per error, naming the file, the object and the position.
 */
export function excessPropertyErrors(documents: ManifestDocument[]): string[] {
  const virtualFile = path.join(REPO_ROOT, '__deploy-manifests-typecheck__.mts');
  const lines: string[] = [];
  const owners: { from: number; label: string }[] = [];
  const imports = new Map<string, Set<string>>();
  documents.forEach(({ file, object }, index) => {
    const module = modelModule(object.apiVersion);
    const names = imports.get(module) ?? new Set<string>();
    names.add(`I${object.kind}`);
    imports.set(module, names);
    owners.push({ from: lines.length, label: `${file} ${object.kind}/${object.metadata.name}` });
    lines.push(
      ...`export const object${index}: I${object.kind} = ${JSON.stringify(object, null, 2)};`.split(
        '\n',
      ),
    );
  });
  const header = [...imports].map(
    ([module, names]) => `import type { ${[...names].join(', ')} } from '${module}';`,
  );
  const source = [...header, ...lines].join('\n');
  const options: ts.CompilerOptions = {
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.Node16,
    moduleResolution: ts.ModuleResolutionKind.Node16,
    types: [],
  };
  const host = ts.createCompilerHost(options);
  const getSourceFile = host.getSourceFile.bind(host);
  const fileExists = host.fileExists.bind(host);
  const readFile = host.readFile.bind(host);
  host.getSourceFile = (name, language, ...rest) =>
    path.resolve(name) === virtualFile
      ? ts.createSourceFile(name, source, language, true)
      : getSourceFile(name, language, ...rest);
  host.fileExists = (name) => path.resolve(name) === virtualFile || fileExists(name);
  host.readFile = (name) => (path.resolve(name) === virtualFile ? source : readFile(name));
  const program = ts.createProgram([virtualFile], options, host);
  const sourceFile = program.getSourceFile(virtualFile);
  return ts.getPreEmitDiagnostics(program, sourceFile).map((diagnostic) => {
    const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, ' ');
    if (diagnostic.file === undefined || diagnostic.start === undefined) return message;
    const line = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start).line;
    const bodyLine = line - header.length;
    const owner = owners.filter((o) => o.from <= bodyLine).pop();
    const text = diagnostic.file.text.split('\n')[line]?.trim() ?? '';
    return `${owner?.label ?? 'imports'}: ${message} (at \`${text}\`)`;
  });
}

export interface RuleFiles {
  files: string[];
  groups: unknown[];
}

/**
 * The rule groups of deploy/prometheus/rules/*.y(a)ml, in file-name order, as
 * deploy/kubernetes/generate-prometheus-rule.mjs collects them (files without `groups`, such
 * as promtool tests, are left out).
 */
export function prometheusRuleFileGroups(): RuleFiles {
  if (!existsSync(PROMETHEUS_RULES_DIR)) return { files: [], groups: [] };
  const files = readdirSync(PROMETHEUS_RULES_DIR)
    .filter((file) => /\.ya?ml$/.test(file))
    .sort();
  const groups = files.flatMap((file) => {
    const content = parse(readFileSync(path.join(PROMETHEUS_RULES_DIR, file), 'utf8')) as {
      groups?: unknown;
    } | null;
    return Array.isArray(content?.groups) ? (content.groups as unknown[]) : [];
  });
  return { files, groups };
}

/** Whether a label selector's matchLabels and matchExpressions select these labels. */
export function selectorMatches(
  selector: {
    matchLabels?: Record<string, string>;
    matchExpressions?: { key: string; operator: string; values?: string[] }[];
  },
  labels: Record<string, string> = {},
): boolean {
  const byLabel = Object.entries(selector.matchLabels ?? {}).every(([k, v]) => labels[k] === v);
  const byExpression = (selector.matchExpressions ?? []).every(({ key, operator, values = [] }) => {
    switch (operator) {
      case 'In':
        return labels[key] !== undefined && values.includes(labels[key]);
      case 'NotIn':
        return labels[key] === undefined || !values.includes(labels[key]);
      case 'Exists':
        return key in labels;
      case 'DoesNotExist':
        return !(key in labels);
      default:
        throw new Error(`unknown selector operator ${operator}`);
    }
  });
  return byLabel && byExpression;
}
