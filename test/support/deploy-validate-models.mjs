// Validates Kubernetes objects with kubernetes-models and @kubernetes-models/prometheus-operator
// (their models check an object against the Kubernetes and prometheus-operator OpenAPI schemas).
// Both packages are ES modules only, which Jest's CommonJS runtime cannot load, so
// deploy-manifests.ts runs this file in a child Node process: a JSON array of objects on stdin,
// a JSON array of { model, errors } on stdout, in the same order.
import { readFileSync } from 'node:fs';

/** The package entry that holds the models of an apiVersion. */
function modelModule(apiVersion) {
  const [group, version] = apiVersion.includes('/') ? apiVersion.split('/') : ['', apiVersion];
  if (group === 'monitoring.coreos.com') {
    return `@kubernetes-models/prometheus-operator/${group}/${version}`;
  }
  return group === '' ? `kubernetes-models/${version}` : `kubernetes-models/${group}/${version}`;
}

async function validate(object) {
  const specifier = modelModule(String(object.apiVersion));
  let models;
  try {
    models = await import(specifier);
  } catch (error) {
    return { model: null, errors: [`no models for apiVersion ${object.apiVersion}: ${error}`] };
  }
  const Model = models[object.kind];
  if (typeof Model !== 'function') {
    return { model: null, errors: [`no model for ${object.kind} in ${specifier}`] };
  }
  try {
    new Model(object).validate();
    return { model: `${specifier}#${object.kind}`, errors: [] };
  } catch (error) {
    const details = Array.isArray(error.errors)
      ? error.errors.map((e) => `${e.instancePath || '/'} ${e.message}`)
      : [String(error.message ?? error)];
    return { model: `${specifier}#${object.kind}`, errors: details };
  }
}

const objects = JSON.parse(readFileSync(0, 'utf8'));
const results = [];
for (const object of objects) results.push(await validate(object));
process.stdout.write(JSON.stringify(results));
