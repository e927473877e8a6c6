import type { Rule } from '../rule.js';
import { renamedOptionsRule } from './renamed-options.js';
import { sslProtocolsRule } from './ssl-protocols.js';
import { tlsMinProtoRule } from './tls-min-proto.js';
import { socketsRule } from './sockets.js';
import { pidFilesRule } from './pid-files.js';
import { runAsRule } from './run-as.js';
import { pathsRule } from './paths.js';
import { attachmentsRule } from './attachments.js';
import { searchIndexRule } from './search-index.js';
import { pinnedDefaultsRule } from './pinned-defaults.js';
import { pythonPluginsRule } from './python-plugins.js';
import { cacheValuesRule } from './cache-values.js';
import { ldapPropmapRule } from './ldap-propmap.js';
import { ldapSchemaRule } from './ldap-schema.js';
import { includesRule } from './includes.js';
import { listenOptionsRule } from './listen-options.js';
import { valueSyntaxRule } from './value-syntax.js';
import { sizeValuesRule } from './size-values.js';
import { obsoleteOptionsRule } from './obsolete-options.js';
import { unknownOptionsRule } from './unknown-options.js';
import { guideActionsRule } from './guide-actions.js';

/**
 * The rule table, in the order the rules run. Order matters where rules build on each other's plan:
 * renames come first, and unknown-options runs after every rule that renames, rewrites or inserts,
 * so it judges the planned keys against the target daemon.
 */
export const RULES: readonly Rule[] = [
  renamedOptionsRule,
  sslProtocolsRule,
  tlsMinProtoRule,
  socketsRule,
  pidFilesRule,
  runAsRule,
  pathsRule,
  attachmentsRule,
  searchIndexRule,
  pinnedDefaultsRule,
  pythonPluginsRule,
  cacheValuesRule,
  ldapPropmapRule,
  ldapSchemaRule,
  includesRule,
  listenOptionsRule,
  valueSyntaxRule,
  sizeValuesRule,
  obsoleteOptionsRule,
  unknownOptionsRule,
  guideActionsRule,
];

export type { Rule, RuleContext, ResolvedOptions } from '../rule.js';
