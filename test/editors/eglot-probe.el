;;; eglot-probe.el --- Emacs eglot as an LSP client of our server over stdio  -*- lexical-binding: t -*-
;;
;; Driven by test/editor-emacs.test.ts. Works on Debian 12's Emacs 28.2 with elpa-eglot 1.9 and
;; on Emacs >= 29, where eglot is built in.
;;
;;   AARCH64_FTRACE_SERVER=dist/server.js AARCH64_FTRACE_FILE=x.S AARCH64_FTRACE_LINE=25 \
;;   AARCH64_FTRACE_COLUMN=1 [AARCH64_FTRACE_NODE=node] [AARCH64_FTRACE_TIMEOUT_MS=10000] \
;;     timeout 60 emacs --batch -Q -l test/editors/eglot-probe.el
;;
;; Opens the file in its major mode (asm-mode for .S, c-mode for .c), connects eglot, waits for
;; the server's first diagnostics and for Flymake to show them in the buffer, asks for a hover at
;; LINE (1-based) / COLUMN (0-based), optionally runs the quick fix at FIX_LINE / FIX_COLUMN (the
;; way a user does, through eglot-code-actions), shuts the server down and prints `RESULT <json>`.
;; Exit: 0 done (the outer test judges the content), 2 timeout, 3 Lisp error, 4 no eglot.
;; Every wait is bounded.
(require 'package)
(require 'json)
(defvar aarch64-ftrace-result (list :emacs emacs-version))

;; -Q hides Debian's elpa-* packages (eglot 1.9 on Emacs 28): add their directory back.
(add-to-list 'package-directory-list "/usr/share/emacs/site-lisp/elpa")
(package-initialize)
(unless (require 'eglot nil t)
  (princ (concat "RESULT " (json-encode (list :emacs emacs-version :missing "eglot")) "\n"))
  (kill-emacs 4))
(require 'flymake)
(require 'asm-mode)
(require 'cc-mode)

(defun aarch64-ftrace-put (key value)
  (setq aarch64-ftrace-result (plist-put aarch64-ftrace-result key value)))

(defun aarch64-ftrace-finish (status)
  (princ (concat "RESULT " (json-encode aarch64-ftrace-result) "\n"))
  (kill-emacs status))

(defun aarch64-ftrace-wait (what timeout-ms predicate)
  "Process output until PREDICATE holds; after TIMEOUT-MS record WHAT and exit 2."
  (let ((deadline (+ (float-time) (/ timeout-ms 1000.0))))
    (while (not (funcall predicate))
      (when (> (float-time) deadline)
        (aarch64-ftrace-put :timeout what)
        (aarch64-ftrace-finish 2))
      (accept-process-output nil 0.02))))

(defun aarch64-ftrace-main ()
  (let* ((server (or (getenv "AARCH64_FTRACE_SERVER") (error "set AARCH64_FTRACE_SERVER")))
         (file (expand-file-name (or (getenv "AARCH64_FTRACE_FILE") (error "set AARCH64_FTRACE_FILE"))))
         (node (or (getenv "AARCH64_FTRACE_NODE") "node"))
         (line (string-to-number (or (getenv "AARCH64_FTRACE_LINE") "1")))
         (column (string-to-number (or (getenv "AARCH64_FTRACE_COLUMN") "0")))
         (fix-line (and (getenv "AARCH64_FTRACE_FIX_LINE") (string-to-number (getenv "AARCH64_FTRACE_FIX_LINE"))))
         (fix-column (string-to-number (or (getenv "AARCH64_FTRACE_FIX_COLUMN") "0")))
         (timeout (string-to-number (or (getenv "AARCH64_FTRACE_TIMEOUT_MS") "10000")))
         (root (file-name-directory file))
         (published nil)
         (logs nil))
    (aarch64-ftrace-put :eglot (let ((d (cadr (assq 'eglot package-alist))))
                                 (if d (package-version-join (package-desc-version d)) "built-in")))
    ;; No project prompt: the file's directory is the project.
    (add-hook 'project-find-functions (lambda (_dir) (cons 'transient root)))
    (setq eglot-server-programs
          `(((asm-mode c-mode) . (,node ,server "--stdio"))))
    (setq eglot-sync-connect (/ timeout 1000.0) eglot-connect-timeout (max 1 (/ timeout 1000))
          eglot-autoshutdown nil eglot-events-buffer-size 0)
    ;; What the server sends, as eglot receives it (before it turns it into Flymake diagnostics).
    (advice-add 'eglot-handle-notification :before
                (lambda (_server method &rest params)
                  (pcase method
                    ('textDocument/publishDiagnostics
                     (push (list :uri (plist-get params :uri)
                                 :diagnostics (plist-get params :diagnostics))
                           published))
                    ('window/logMessage (push (plist-get params :message) logs)))))
    (find-file file)
    (aarch64-ftrace-put :mode (symbol-name major-mode))
    (let ((uri (eglot--path-to-uri file)))
      (aarch64-ftrace-put :uri uri)
      (apply #'eglot (eglot--guess-contact))
      (let ((server (eglot-current-server)))
        (unless server (error "eglot did not connect"))
        (aarch64-ftrace-put :serverInfo (plist-get (eglot--server-info server) :name))
        (aarch64-ftrace-put :languageId (eglot--language-id server))
        (aarch64-ftrace-wait "publishDiagnostics" timeout
                             (lambda () (cl-find uri published
                                                 :key (lambda (p) (plist-get p :uri)) :test #'equal)))
        (aarch64-ftrace-put :published
                            (plist-get (cl-find uri published :key (lambda (p) (plist-get p :uri)) :test #'equal)
                                       :diagnostics))
        ;; Flymake's view: what the user sees in the buffer. In batch mode no idle timer runs
        ;; Flymake's first check, so start it once ourselves.
        (when (and (eglot-managed-p) (not (flymake-diagnostics)))
          (flymake-start))
        (aarch64-ftrace-wait "Flymake diagnostics" timeout
                             (lambda () (or (flymake-diagnostics)
                                            (= 0 (length (aarch64-ftrace-get :published))))))
        (aarch64-ftrace-put :flymake
                            (vconcat (mapcar (lambda (d)
                                               (list :line (line-number-at-pos (flymake-diagnostic-beg d))
                                                     :type (symbol-name (flymake-diagnostic-type d))
                                                     :text (flymake-diagnostic-text d)))
                                             (flymake-diagnostics))))
        (goto-char (point-min))
        (forward-line (1- line))
        (forward-char column)
        (let ((hover (jsonrpc-request server :textDocument/hover (eglot--TextDocumentPositionParams)
                                      :timeout (/ timeout 1000.0))))
          (aarch64-ftrace-put :hover (plist-get (plist-get hover :contents) :value)))
        ;; The quick fix, as a user runs it: M-x eglot-code-actions at the diagnostic, kind quickfix
        ;; (one action: applied without a prompt), eglot applies the server's WorkspaceEdit.
        (when fix-line
          (goto-char (point-min))
          (forward-line (1- fix-line))
          (forward-char fix-column)
          (eglot-code-actions (point) (point) "quickfix" t)
          (aarch64-ftrace-put :fixedLine (buffer-substring-no-properties (line-beginning-position) (line-end-position)))
          (aarch64-ftrace-put :modified (if (buffer-modified-p) t :json-false)))
        ;; eglot sends shutdown and exit, then deletes the process (so no exit code to check).
        (eglot-shutdown server)
        (aarch64-ftrace-wait "the server process to end" timeout
                             (lambda () (not (process-live-p (jsonrpc--process server)))))
        (aarch64-ftrace-put :logs (vconcat (reverse logs)))))
    (aarch64-ftrace-finish 0)))

(defun aarch64-ftrace-get (key) (plist-get aarch64-ftrace-result key))

(condition-case err
    (aarch64-ftrace-main)
  (error
   (aarch64-ftrace-put :error (error-message-string err))
   (aarch64-ftrace-finish 3)))
