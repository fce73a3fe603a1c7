;;; emacs-check.el --- Headless Emacs + eglot check of the Specwright language server  -*- lexical-binding: t -*-

;; Started by run.mjs as `emacs -Q --batch -l emacs-check.el'.  Visits SPECWRIGHT_DOC in a
;; markdown mode, connects eglot to `node SPECWRIGHT_SERVER --stdio' with SPECWRIGHT_ROOT as
;; the project root, waits (bounded) for diagnostics, asks for document symbols, and writes
;; what it saw as JSON to SPECWRIGHT_OUT.  run.mjs judges the result.

;;; Code:

(require 'package)
;; -Q skips site-start, so Debian's elpa-eglot has to be found by hand.
(add-to-list 'package-directory-list "/usr/share/emacs/site-lisp/elpa")
(package-initialize)
(require 'eglot)
(require 'json)
(require 'cl-lib)

(defun specwright-check--env (name)
  (or (getenv name) (error "%s is not set" name)))

(defvar specwright-check-server (specwright-check--env "SPECWRIGHT_SERVER"))
(defvar specwright-check-root (file-name-as-directory (specwright-check--env "SPECWRIGHT_ROOT")))
(defvar specwright-check-doc (specwright-check--env "SPECWRIGHT_DOC"))
(defvar specwright-check-out (specwright-check--env "SPECWRIGHT_OUT"))
(defvar specwright-check-timeout
  (/ (string-to-number (or (getenv "SPECWRIGHT_TIMEOUT_MS") "20000")) 1000.0))

;; Emacs 28 ships no markdown-mode; eglot derives the languageId "markdown" from the mode name.
(define-derived-mode markdown-mode text-mode "Markdown")
(add-to-list 'eglot-server-programs
             `(markdown-mode . ("node" ,specwright-check-server "--stdio")))
;; The workspace is not under version control: make it the project root explicitly.
(add-hook 'project-find-functions
          (lambda (dir)
            (when (file-in-directory-p dir specwright-check-root)
              (cons 'transient specwright-check-root))))

(defvar specwright-check--published nil
  "Diagnostics as the server published them (a list of plists), newest last.")

(cl-defmethod eglot-handle-notification :before
  (_server (_method (eql textDocument/publishDiagnostics)) &key uri diagnostics &allow-other-keys)
  (when (string-suffix-p (file-name-nondirectory specwright-check-doc) uri)
    (setq specwright-check--published (append diagnostics nil))))

(defun specwright-check--wait (predicate)
  "Pump events until PREDICATE holds or the deadline passes; return whether it held."
  (let ((deadline (+ (float-time) specwright-check-timeout)))
    (while (and (not (funcall predicate)) (< (float-time) deadline))
      (accept-process-output nil 0.02))
    (funcall predicate)))

(defun specwright-check--symbols (symbols depth)
  (cl-loop for s across symbols
           append (cons `((name . ,(plist-get s :name))
                          (detail . ,(or (plist-get s :detail) :null))
                          (depth . ,depth))
                        (specwright-check--symbols (or (plist-get s :children) []) (1+ depth)))))

;; What the check saw, written out as JSON at the end.
(defvar specwright-check--errors nil)
(defvar specwright-check--result nil)

(defun specwright-check--record (key value)
  (setf (alist-get key specwright-check--result) value))

(defun specwright-check--run ()
  (find-file specwright-check-doc)
  (markdown-mode)
  (apply #'eglot (eglot--guess-contact))
  (unless (specwright-check--wait #'eglot-current-server)
    (error "eglot did not connect"))
  (unless (specwright-check--wait (lambda () specwright-check--published))
    (push (format "no diagnostics within %s s" specwright-check-timeout) specwright-check--errors))
  ;; What the user sees: flymake's diagnostics in the buffer.
  (specwright-check--wait #'flymake-diagnostics)
  (specwright-check--record 'flymake (length (flymake-diagnostics)))
  (specwright-check--record
   'diagnostics
   (mapcar (lambda (d)
             `((line . ,(plist-get (plist-get (plist-get d :range) :start) :line))
               (source . ,(or (plist-get d :source) :null))
               (code . ,(or (plist-get d :code) :null))
               (message . ,(plist-get d :message))))
           specwright-check--published))
  (let ((symbols (jsonrpc-request (eglot-current-server) :textDocument/documentSymbol
                                  `(:textDocument ,(eglot--TextDocumentIdentifier))
                                  :timeout specwright-check-timeout)))
    (specwright-check--record 'symbols (specwright-check--symbols (or symbols []) 0)))
  (eglot-shutdown (eglot-current-server)))

(specwright-check--record
 'client (format "emacs %s + eglot %s" emacs-version
                 (package-version-join (package-desc-version (cadr (assq 'eglot package-alist))))))
(condition-case err
    (specwright-check--run)
  (error (push (error-message-string err) specwright-check--errors)))
(specwright-check--record 'errors (or specwright-check--errors []))
(with-temp-file specwright-check-out
  (insert (json-encode specwright-check--result)))
(kill-emacs 0)

;;; emacs-check.el ends here
